import AcademyProgress
import Foundation

/// `academy logout`: removes the saved login (the queue of events not yet sent stays).
public struct LogoutCommand: Sendable {
    /// The environment.
    public var environment: [String: String]

    /// Creates the command.
    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// Runs; returns the exit status.
    public func run() async throws -> Int32 {
        let path = try SavedLogin.path(environment: environment)
        guard FileManager.default.fileExists(atPath: path) else {
            StandardStreams.write("Niet ingelogd: er is geen opgeslagen login (\(path)).\n")
            return 0
        }
        // A login file that cannot be read is removed all the same.
        let login = try SavedLogin.remove(environment: environment)
        StandardStreams.write("Uitgelogd\(login.map { " van \($0.server) (\($0.learner))" } ?? ""); \(path) is verwijderd.\n")
        if let login, let server = try? ServerAddress(login.server) {
            StandardStreams.write(LoginCommand.waitingNote(server: server, learnerID: login.learner, environment: environment), to: 2)
        }
        return 0
    }
}
