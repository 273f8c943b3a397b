public import AcademyContent
public import AcademyProgress
import Foundation

/// What the progress commands share: the data directory's store, the content, the learner.
public struct CommandContext: Sendable {
    /// The data directory (`--data`, else the environment's).
    public var dataDirectory: String
    /// The content tree (`--modules`).
    public var contentRoot: String

    /// Creates a context; `data` is `--data` as given (nil: from the environment).
    public init(data: String?, contentRoot: String = "Modules") {
        self.dataDirectory = DataDirectory.resolve(data)
        self.contentRoot = contentRoot
    }

    /// Opens the store; problems it handles (corrupt files set aside) are reported on stderr.
    public func openStore() async throws -> JSONFileProgressStore {
        try await JSONFileProgressStore(directory: dataDirectory) { issue in
            Output.error("academy: \(issue)\n")
        }
    }

    /// Loads the content.
    public func loadLibrary() async throws -> ContentLibrary {
        try await ContentLibrary.load(from: contentRoot)
    }

    /// The store and content together.
    public func openService() async throws -> ProgressService {
        async let library = loadLibrary()
        let store = try await openStore()
        return ProgressService(library: try await library, store: store)
    }

    /// The named learner, or the default one (the only account, else the local learner).
    public func learner(_ id: String?, in service: ProgressService) async throws -> Learner {
        if let id {
            guard let learner = try await service.store.learner(id: id) else {
                let known = try await service.store.learners().map(\.id)
                let hint = Suggestions.closest(to: id, among: known).map { " (did you mean '\($0)'?)" } ?? ""
                throw CommandError("no learner '\(id)'\(hint): see 'academy learners list'")
            }
            return learner
        }
        return try await service.defaultLearner()
    }

    /// JSON for scripts: indented, sorted keys.
    public static func json<T: Encodable>(_ value: T) -> String {
        let data = (try? ProgressJSON.prettyEncoder.encode(value)) ?? Data("null".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// A command that cannot do what was asked; the message says why and what to do instead.
public struct CommandError: Error, Sendable, CustomStringConvertible {
    /// The message.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
