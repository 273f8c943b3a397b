public import AcademyContent
public import AcademyProgress

/// The content, progress and learner that a player command works with.
public struct PlayerContext: Sendable {
    /// The content.
    public let library: ContentLibrary
    /// Progress, validated and stored.
    public let service: ProgressService
    /// The learner.
    public let learner: Learner
    /// How videos are opened.
    public let launcher: VideoLauncher
    /// The data directory in use.
    public let dataDirectory: String
    /// Problems the store found and handled while opening (a corrupt file set aside).
    public let issues: [StoreIssue]

    /// The progress backend for the learner.
    public var backend: LocalProgressBackend { LocalProgressBackend(service: service, learnerID: learner.id) }

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
}
