public import AcademyContent
public import AcademyProgress

/// The content, progress and learner that a player command works with: from the local data
/// directory, or from a school's server.
public struct PlayerContext: Sendable {
    /// The content.
    public let library: ContentLibrary
    /// The learner.
    public let learner: Learner
    /// How videos are opened.
    public let launcher: VideoLauncher
    /// Where progress goes.
    public let backend: any ProgressBackend
    /// Where progress is kept: the data directory, or the server's address.
    public let location: String
    /// What the learner should know about opening: problems the store found and handled (a
    /// corrupt file set aside), a server that could not be reached.
    public let issues: [String]

    /// Creates a context.
    public init(library: ContentLibrary, learner: Learner, launcher: VideoLauncher, backend: any ProgressBackend, location: String, issues: [String])
    {
        self.library = library
        self.learner = learner
        self.launcher = launcher
        self.backend = backend
        self.location = location
        self.issues = issues
    }

    /// The module with this id, or a usage error that suggests the closest id.
    public func module(_ id: String) throws(PlayerUsageError) -> Module {
        if let module = library.module(id: id) { return module }
        throw PlayerUsageError.unknown("module", id, among: library.modules.map(\.id), seeing: "academy modules")
    }

    /// The video with this id, or a usage error that suggests the closest id.
    public func video(_ id: String) throws(PlayerUsageError) -> Video {
        if let video = library.video(id: id) { return video }
        let ids = library.modules.flatMap { $0.videos.map(\.id) }
        throw PlayerUsageError.unknown("video", id, among: ids, seeing: "academy play MODULE --plain")
    }

    /// The step with this id, or a usage error that suggests the closest id.
    public func step(_ id: String) throws(PlayerUsageError) -> Step {
        if let step = library.step(id: id) { return step }
        let ids = library.modules.flatMap { $0.steps.map(\.id) }
        throw PlayerUsageError.unknown("step", id, among: ids, seeing: "academy play MODULE --plain")
    }

    /// Stores events as `check` and `watch` do: durably first, then sent to the server when
    /// there is one. Returns the refused ones and how sending stands.
    public func store(_ events: [ProgressEvent]) async throws -> (refused: [EventError], status: SyncStatus) {
        let refused = try await backend.keep(events)
        let status = await backend.synchronize()
        let ids = Set(events.map(\.id))
        return (refused + status.refused.filter { ids.contains($0.event.id) }.map(\.error), status)
    }

    /// What a command prints after storing to a server: where refused events went, or that the
    /// events wait in the queue and why. Empty in local mode and when everything was sent.
    public func storeReport(_ status: SyncStatus) -> String {
        var lines: [String] = []
        if !status.refused.isEmpty, let file = status.refusedFile {
            lines.append("academy: the server refused \(status.refused.count) event(s); they are kept in \(file)")
        }
        if status.waiting > 0 {
            let path = (backend as? RemoteProgressBackend)?.queue.path ?? "the queue"
            lines.append(
                "academy: \(status.waitingText) (\(status.problem ?? "nog niet verstuurd")); ze staan veilig in \(path) "
                    + "en worden verstuurd bij het volgende gebruik van --server \(location)"
            )
        }
        return lines.map { $0 + "\n" }.joined()
    }
}
