public import AcademyServer
import AcademyContent
import AcademyProgress
import Foundation
import Hummingbird
import Logging

/// `academy serve`: runs the server until SIGTERM or SIGINT, printing the URL once it listens.
public struct ServeCommand: Sendable {
    /// The configuration.
    public var configuration: ServerConfiguration

    /// Creates the command.
    public init(configuration: ServerConfiguration) {
        self.configuration = configuration
    }

    /// The configuration from flags, then `ACADEMY_*` environment variables, then defaults.
    public static func configuration(
        host: String?,
        port: Int?,
        modules: String?,
        media: String?,
        data: String?,
        logLevel: String?,
        isContentPublic: Bool,
        failedSignInsPerMinute: Int? = nil,
        environment: [String: String]? = nil
    ) throws -> ServerConfiguration {
        let environment = environment ?? ProcessInfo.processInfo.environment
        let level = logLevel ?? environment["ACADEMY_LOG_LEVEL"] ?? "info"
        guard let parsedLevel = Logger.Level(rawValue: level) else {
            throw CommandError("unknown log level '\(level)': use trace, debug, info, notice, warning, error or critical")
        }
        let portText = port.map(String.init) ?? environment["ACADEMY_PORT"] ?? "8080"
        guard let parsedPort = Int(portText), (0...65535).contains(parsedPort) else {
            throw CommandError("'\(portText)' is not a port: use a number from 1 to 65535")
        }
        let modulesPath = modules ?? environment["ACADEMY_MODULES"] ?? "Modules"
        return ServerConfiguration(
            host: host ?? environment["ACADEMY_HOST"] ?? "127.0.0.1",
            port: parsedPort,
            modulesPath: modulesPath,
            mediaPath: media ?? environment["ACADEMY_MEDIA"],
            dataPath: DataDirectory.resolve(data),
            logLevel: parsedLevel,
            isContentPublic: isContentPublic || environment["ACADEMY_PUBLIC_CONTENT"] == "1",
            failedAuthenticationsPerMinute: failedSignInsPerMinute ?? environment["ACADEMY_FAILED_SIGNINS_PER_MINUTE"].flatMap { Int($0) } ?? 20
        )
    }

    /// Serves until a graceful shutdown.
    public func run() async throws {
        let configuration = configuration
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: configuration.logLevel) }
        let started = ContinuousClock.now
        let app = try await buildApplication(configuration) { ready in
            let elapsed = ContinuousClock.now - started
            let milliseconds = Int(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
            let library = ready.content.snapshot.library
            Output.standard(
                "academy: serving \(library.modules.count) modules at \(ready.url) (ready in \(milliseconds) ms)\n"
                    + "  content: \(configuration.modulesPath)   media: \(configuration.mediaPath)   data: \(configuration.dataPath)\n"
            )
        }
        try await app.runService()
    }
}
