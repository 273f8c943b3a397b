import AcademyContent
import AcademyProgress
import Synchronization

/// What `academy play`, `watch` and `check` share: where the content, progress and media are, and
/// who the learner is.
public struct PlayerOptions: Sendable {
    /// The content tree (`--modules`).
    public var contentRoot: String
    /// The data directory as given (`--data`); `nil`: from the environment (``DataDirectory``).
    public var dataDirectory: String?
    /// The media directory (`--media`); `nil`: `media/` beside the content folder.
    public var mediaDirectory: String?
    /// The learner (`--learner`); `nil`: `$ACADEMY_LEARNER`, else the default learner.
    public var learnerID: String?
    /// The environment.
    public var environment: [String: String]
    /// Whether the loaded content is kept in the user's cache for a fast next start (see ``ContentCache``).
    public var usesContentCache = true
    /// The school's server (`--server`); `nil`: the local data directory.
    public var server: String?
    /// The token for the server (`--token`); `nil`: `$ACADEMY_TOKEN`, else the saved login.
    public var token: String?

    /// Creates options.
    public init(
        contentRoot: String = "Modules",
        dataDirectory: String? = nil,
        mediaDirectory: String? = nil,
        learnerID: String? = nil,
        server: String? = nil,
        token: String? = nil,
        environment: [String: String]
    ) {
        self.server = server
        self.token = token
        self.contentRoot = contentRoot
        self.dataDirectory = dataDirectory
        self.mediaDirectory = mediaDirectory
        self.learnerID = learnerID
        self.environment = environment
    }

    private static func load(_ root: String, cache: ContentCache?) async throws(ContentLoadError) -> ContentLibrary {
        if let cache { return try await cache.library(at: root) }
        return try await ContentLibrary.load(from: root)
    }

    /// Loads the content, opens the store and finds the learner; with ``server``, from the server.
    ///
    /// Throws ``ContentLoadError`` for content with errors, ``StoreError`` for a data directory that
    /// cannot be used, ``RemoteError`` for a server that cannot be used, and ``PlayerUsageError``
    /// for an unknown learner or a bad server address.
    public func open() async throws -> PlayerContext {
        if let server { return try await openRemote(server) }
        if token != nil {
            throw PlayerUsageError("--token is for a server: add --server URL (without --server, progress stays in the local data directory)")
        }
        let directory = DataDirectory.resolve(dataDirectory, environment: environment)
        let issues = Mutex<[StoreIssue]>([])
        let cache = usesContentCache ? ContentCache.standard(environment: environment) : nil
        async let loading = Self.load(contentRoot, cache: cache)
        let store = try await JSONFileProgressStore(directory: directory) { issue in
            issues.withLock { $0.append(issue) }
        }
        let library = try await loading
        let service = ProgressService(library: library, store: store)
        let learner: Learner
        if let id = learnerID ?? environment["ACADEMY_LEARNER"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let found = try await store.learner(id: id) else {
                let known = try await store.learners().map(\.id)
                let hint = Suggestions.closest(to: id, among: known).map { " (did you mean '\($0)'?)" } ?? ""
                let source = learnerID == nil ? " from $ACADEMY_LEARNER" : ""
                throw PlayerUsageError("no learner '\(id)'\(source)\(hint) in \(directory): see 'academy learners list'")
            }
            learner = found
        } else {
            learner = try await service.defaultLearner()
        }
        let media = mediaDirectory ?? VideoLauncher.defaultMediaDirectory(contentRoot: contentRoot)
        return PlayerContext(
            library: library,
            learner: learner,
            launcher: VideoLauncher(mediaDirectory: media, environment: environment),
            backend: LocalProgressBackend(service: service, learnerID: learner.id),
            location: directory,
            issues: issues.withLock { $0 }.map { "\($0)" }
        )
    }

    /// The server and token; a server address that cannot be read is a usage error.
    private func resolve(_ server: String) throws -> RemoteConnection {
        do {
            return try RemoteConnection.resolve(server: server, token: token, environment: environment)
        } catch {
            if error.code == "bad-server" { throw PlayerUsageError("--server: \(error.message)") }
            throw error
        }
    }

    /// Remote mode: the token's learner, the server's content, progress through the queue.
    private func openRemote(_ server: String) async throws -> PlayerContext {
        let connection = try resolve(server)
        let session = try await connection.open(environment: environment)
        if let learnerID, learnerID != session.learner.id {
            throw PlayerUsageError(
                "--learner '\(learnerID)' is not whom the token belongs to ('\(session.learner.id)' on \(connection.server)): "
                    + "leave --learner out with --server; the token says who you are"
            )
        }
        return PlayerContext(
            library: session.library,
            learner: session.learner,
            launcher: VideoLauncher(remote: RemoteMedia(server: connection.server, token: connection.token), environment: environment),
            backend: session.backend,
            location: connection.server.normalized,
            issues: session.notices
        )
    }
}
