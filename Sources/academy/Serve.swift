import AcademyCommands
import ArgumentParser

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the academy over HTTP: the JSON API, media, and progress.",
        discussion: """
            With no options it serves Modules/ on http://127.0.0.1:8080 with the default data directory; \
            without accounts everyone on this machine is the local learner. It refuses to listen beyond \
            loopback until an account exists (academy learners add). Each option can also be set with an \
            environment variable: ACADEMY_HOST, ACADEMY_PORT, ACADEMY_MODULES, ACADEMY_MEDIA, ACADEMY_DATA, \
            ACADEMY_LOG_LEVEL, ACADEMY_PUBLIC_CONTENT=1, ACADEMY_FAILED_SIGNINS_PER_MINUTE. SIGHUP reloads the content; SIGTERM stops gracefully.
            """
    )

    @Option(help: "The address to listen on (default 127.0.0.1).")
    var host: String?

    @Option(help: "The port (default 8080).")
    var port: Int?

    @Option(help: "The content tree (default Modules).")
    var modules: String?

    @Option(help: "The media directory (default: media/ beside the content tree).")
    var media: String?

    @Option(help: "The data directory (default: $ACADEMY_DATA, else $XDG_DATA_HOME/academy, else ~/.local/share/academy).")
    var data: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical (default info).")
    var logLevel: String?

    @Flag(help: "Let anyone read the content (catalog, modules, media) without signing in.")
    var publicContent = false

    @Option(help: "Failed sign-ins allowed per client address per minute before 429 (default 20).")
    var failedSignInsPerMinute: Int?

    func run() async throws {
        try await reportingErrors {
            let configuration = try ServeCommand.configuration(
                host: host, port: port, modules: modules, media: media, data: data, logLevel: logLevel, isContentPublic: publicContent,
                failedSignInsPerMinute: failedSignInsPerMinute
            )
            try await ServeCommand(configuration: configuration).run()
        }
    }
}
