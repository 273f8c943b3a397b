import AcademyProgress
import Foundation

/// `academy login --server URL [--token T]`: checks the token with the server (`GET /api/v1/me`)
/// and saves it with the server and learner, for `--server URL` without `--token` later.
public struct LoginCommand: Sendable {
    /// The server as typed.
    public var server: String
    /// The token.
    public var token: String
    /// The environment (where the configuration and state directories are).
    public var environment: [String: String]

    /// Creates the command.
    public init(server: String, token: String, environment: [String: String]) {
        self.server = server
        self.token = token
        self.environment = environment
    }

    /// Runs; returns the exit status. Throws ``PlayerUsageError`` for a bad address or an empty
    /// token, ``RemoteError`` when the server cannot be reached or refuses the token.
    public func run() async throws -> Int32 {
        let address: ServerAddress
        do {
            address = try ServerAddress(server)
        } catch {
            throw PlayerUsageError("--server: \(error.message)")
        }
        let token = token.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw PlayerUsageError("no token given: pass --token TOKEN or type it; the school's admin makes one with 'academy learners token ID'")
        }
        let profile = try await RemoteConnection(server: address, token: token).profile()
        let path = try SavedLogin(server: address.normalized, token: token, learner: profile.id).save(environment: environment)
        StandardStreams.write(
            "Ingelogd op \(address) als \(profile.displayName) (\(profile.id), team \(profile.team)). "
                + "'academy play --server \(address)' gebruikt dit token voortaan; het staat in \(path).\n"
        )
        StandardStreams.write(Self.waitingNote(server: address, learnerID: profile.id, environment: environment), to: 2)
        return 0
    }

    /// A line about events that still wait in the queue for this server and learner, if any.
    static func waitingNote(server: ServerAddress, learnerID: String, environment: [String: String]) -> String {
        guard let queue = try? EventQueue.standard(server: server, learnerID: learnerID, environment: environment),
            let count = try? queue.contents().events.count, count > 0
        else { return "" }
        return "academy: \(count) event(s) of \(learnerID) wait in \(queue.path); they are sent the next time you use --server \(server)\n"
    }
}
