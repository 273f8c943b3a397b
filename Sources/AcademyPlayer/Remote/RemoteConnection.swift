public import AcademyContent
public import AcademyProgress
import Foundation

/// A server and the token to use with it: where remote mode starts. It finds the token
/// (`--token`, else `$ACADEMY_TOKEN`, else the saved login for this server), and opens a session:
/// who the token belongs to, the content, and a progress backend with its queue.
public struct RemoteConnection: Sendable {
    /// The server.
    public let server: ServerAddress
    /// The token.
    public let token: String

    /// Creates a connection.
    public init(server: ServerAddress, token: String) {
        self.server = server
        self.token = token
    }

    /// The connection for `--server` and `--token`: the token from `--token`, else
    /// `$ACADEMY_TOKEN`, else the saved login when it is for this server. Throws ``RemoteError``
    /// (`no-token`) when there is none, saying how to get one.
    public static func resolve(server text: String, token: String?, environment: [String: String]) throws(RemoteError) -> RemoteConnection {
        let server = try ServerAddress(text)
        if let token = token?.trimmingCharacters(in: .whitespaces), !token.isEmpty { return RemoteConnection(server: server, token: token) }
        if let token = environment["ACADEMY_TOKEN"]?.trimmingCharacters(in: .whitespaces), !token.isEmpty {
            return RemoteConnection(server: server, token: token)
        }
        let saved = try SavedLogin.load(environment: environment)
        if let saved, saved.server == server.normalized { return RemoteConnection(server: server, token: saved.token) }
        let other = saved.map { " (the saved login is for \($0.server))" } ?? ""
        throw RemoteError(
            code: "no-token",
            message: "no token for \(server)\(other): log in with 'academy login --server \(server)', or pass --token TOKEN "
                + "or set ACADEMY_TOKEN; the school's admin makes a token with 'academy learners add' or 'academy learners token ID'"
        )
    }

    /// Who a token belongs to: `GET /api/v1/me`.
    public struct Profile: Sendable, Hashable, Codable {
        /// The learner's id.
        public var id: String
        /// The name.
        public var displayName: String
        /// The team.
        public var team: String
        /// The role.
        public var role: Role

        /// The learner.
        public var learner: Learner { Learner(id: id, displayName: displayName, team: team, role: role) }
    }

    /// Asks the server whose the token is. Throws ``RemoteError`` when the server cannot be
    /// reached, refuses the token, or is not an academy server.
    public func profile() async throws(RemoteError) -> Profile {
        let client = HTTPClient(server: server, token: token, timeout: 5)
        let answer: HTTPAnswer
        do {
            answer = try await client.get("/api/v1/me")
        } catch {
            throw RemoteError(
                code: "unreachable",
                message: "cannot reach \(server) (\(error.reason)): start the server ('academy serve') or check the address"
            )
        }
        return try Self.profile(from: answer, server: server)
    }

    static func profile(from answer: HTTPAnswer, server: ServerAddress) throws(RemoteError) -> Profile {
        guard answer.status == 200 else { throw error(for: answer, server: server, path: "/api/v1/me") }
        guard answer.isJSON, let profile = try? JSONDecoder().decode(Profile.self, from: answer.body) else {
            throw notAcademy(answer, server: server, path: "/api/v1/me")
        }
        return profile
    }

    /// The error for an answer that is not the document asked for.
    static func error(for answer: HTTPAnswer, server: ServerAddress, path: String) -> RemoteError {
        let detail = answer.problemDetail.map { ": \($0)" } ?? ""
        switch answer.status {
        case 401:
            return RemoteError(
                code: "unauthorized",
                message: "\(server) refuses the token (401\(detail)); log in again with 'academy login --server \(server)' "
                    + "with a token from the school's admin ('academy learners token ID' on the server)"
            )
        case 403:
            return RemoteError(code: "unauthorized", message: "the token may not read \(path) on \(server) (403\(detail))")
        case 429:
            return RemoteError(
                code: "rate-limited",
                message: "\(server) turns this address away for a while after failed sign-ins (429): wait a minute, then try again"
            )
        case 500...599 where answer.problemDetail != nil:
            return RemoteError(
                code: "server-error",
                message: "\(server) failed on \(path) (\(answer.status)\(detail)): try again later, or tell the school's admin"
            )
        default:
            return notAcademy(answer, server: server, path: path)
        }
    }

    static func notAcademy(_ answer: HTTPAnswer, server: ServerAddress, path: String) -> RemoteError {
        let type = answer.mediaType.isEmpty ? "" : " \(answer.mediaType)"
        return RemoteError(
            code: "not-academy",
            message: "\(server) is not an academy server: \(path) answered \(answer.status)\(type) ('\(answer.excerpt)'), "
                + "not the academy API: check the address ('academy serve' prints it)"
        )
    }
}
