public import Logging

/// How `academy serve` runs: where it listens, where the content, media and data are, and who may
/// read what. Every field has a default that works for a teacher trying the academy alone.
public struct ServerConfiguration: Sendable {
    /// The address to listen on; `127.0.0.1` unless told otherwise.
    public var host: String
    /// The port; 8080 unless told otherwise (0 picks a free port, for tests).
    public var port: Int
    /// The content tree.
    public var modulesPath: String
    /// The media directory; `media/` beside the content tree by default.
    public var mediaPath: String
    /// The data directory (`--data`, else the environment's).
    public var dataPath: String
    /// How much to log.
    public var logLevel: Logger.Level
    /// Whether content (catalog, modules, media) is readable without signing in.
    public var isContentPublic: Bool
    /// The largest request body accepted, in bytes; larger ones get 413.
    public var maximumBodySize: Int
    /// Failed sign-ins allowed per client address per minute before 429.
    public var failedAuthenticationsPerMinute: Int

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        modulesPath: String = "Modules",
        mediaPath: String? = nil,
        dataPath: String,
        logLevel: Logger.Level = .info,
        isContentPublic: Bool = false,
        maximumBodySize: Int = 1 << 20,
        failedAuthenticationsPerMinute: Int = 20
    ) {
        self.host = host
        self.port = port
        self.modulesPath = modulesPath
        self.mediaPath = mediaPath ?? Self.defaultMediaPath(besides: modulesPath)
        self.dataPath = dataPath
        self.logLevel = logLevel
        self.isContentPublic = isContentPublic
        self.maximumBodySize = maximumBodySize
        self.failedAuthenticationsPerMinute = failedAuthenticationsPerMinute
    }

    /// `media/` beside the content folder: `Modules` → `media`, `/srv/academy/Modules` → `/srv/academy/media`.
    public static func defaultMediaPath(besides modulesPath: String) -> String {
        var trimmed = modulesPath
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "media" }
        return String(trimmed[...slash]) + "media"
    }

    /// Whether `host` is a loopback address, reachable only from this machine.
    public var isLoopback: Bool {
        host == "127.0.0.1" || host == "::1" || host == "localhost" || host.hasPrefix("127.")
    }
}
