import AcademyPlayer
import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#endif

struct Login: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Save a token for a school's academy server, so that --server URL needs no --token.",
        discussion: """
            The token is checked with the server (GET /api/v1/me) and saved with the server's address and your \
            learner id in $XDG_CONFIG_HOME/academy/login.json (else ~/.config/academy/login.json), readable by you alone. \
            Without --token it is read from standard input (typed without echo on a terminal). One login is kept; \
            it is used only with --server for that same server. The school's admin makes tokens with \
            'academy learners add' or 'academy learners token ID'.
            """
    )

    @Option(help: "The server, such as http://school.example:8080 (http:// is assumed).")
    var server: String

    @Option(help: "The token (default: read from standard input).")
    var token: String?

    func run() async throws {
        try await runningPlayerCommand {
            let token = try self.token ?? Self.readToken()
            return try await LoginCommand(server: server, token: token, environment: ProcessInfo.processInfo.environment).run()
        }
    }

    /// The token from standard input: typed without echo on a terminal, else the first line.
    static func readToken() throws -> String {
        guard isatty(0) == 1 else {
            guard let line = readLine(strippingNewline: true) else { throw ValidationError("no token on standard input: pass --token TOKEN") }
            return line
        }
        return try PasswordPrompt.hidden("Token: ", what: "token")
    }
}

struct Logout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout",
        abstract: "Remove the saved login; events still waiting for the server stay queued.",
        discussion: "Removes $XDG_CONFIG_HOME/academy/login.json (else ~/.config/academy/login.json)."
    )

    func run() async throws {
        try await runningPlayerCommand {
            try await LogoutCommand(environment: ProcessInfo.processInfo.environment).run()
        }
    }
}
