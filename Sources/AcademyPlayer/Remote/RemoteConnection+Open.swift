public import AcademyContent
public import AcademyProgress
import Foundation

extension RemoteConnection {
    /// What remote mode works with.
    public struct Session: Sendable {
        /// The content, from the server (or its cached copy).
        public var library: ContentLibrary
        /// The token's learner.
        public var learner: Learner
        /// Progress on the server, through the queue.
        public var backend: RemoteProgressBackend
        /// What the learner should know (server down, content from the cache, queue lines set aside), in Dutch.
        public var notices: [String]
    }

    /// Seconds to wait for the server's answer: `$ACADEMY_SERVER_TIMEOUT` when it is a positive
    /// number (a slow school network), else `standard`: short, so that a server that is down
    /// costs the learner a moment, not a minute.
    static func timeout(_ environment: [String: String], standard: Double) -> Double {
        guard let text = environment["ACADEMY_SERVER_TIMEOUT"], let seconds = Double(text), seconds > 0, seconds.isFinite else { return standard }
        return seconds
    }

    /// Opens remote mode: whose the token is, the content and the progress backend. When the
    /// server cannot be reached, all three come from what an earlier session cached, and a notice
    /// says so. Throws ``RemoteError`` when that is not possible, or the server refuses the token.
    public func open(environment: [String: String]) async throws(RemoteError) -> Session {
        let cache = DocumentCache.standard(server: server, environment: environment)
        let client = HTTPClient(server: server, token: token, timeout: Self.timeout(environment, standard: 2))
        // The token's profile is cached under the token's hash: one machine, several learners.
        let profileKey = "/api/v1/me#\(ServerAddress.shortHash(token))"
        var reason: String?
        var profile: Profile
        do {
            let answer = try await client.get("/api/v1/me")
            profile = try Self.profile(from: answer, server: server)
            if let body = try? JSONEncoder().encode(profile) { cache.store(profileKey, etag: nil, body: Array(body)) }
        } catch let error as TransportError {
            guard let entry = cache.entry(for: profileKey), let cached = try? JSONDecoder().decode(Profile.self, from: Data(entry.body)) else {
                throw RemoteError(
                    code: "unreachable",
                    message: "cannot reach \(server) (\(error.reason)), and it was never used here with this token, so nothing is cached: "
                        + "start the server ('academy serve') or check the address"
                )
            }
            profile = cached
            reason = error.reason
        } catch let error as RemoteError {
            throw error
        } catch {
            throw RemoteError(code: "not-academy", message: "\(error)")
        }
        let isOffline = reason != nil
        let loader = RemoteContentLoader(client: HTTPClient(server: server, token: token, timeout: Self.timeout(environment, standard: 5)), cache: cache, isOffline: isOffline)
        let (library, isFromCache) = try await loader.library()
        let queue = try EventQueue.standard(server: server, learnerID: profile.id, environment: environment)
        let eventsCache = cache.file(for: "/api/v1/me/events#\(profile.id)")
        let backend = RemoteProgressBackend(client: client, queue: queue, eventsCachePath: eventsCache)
        var notices: [String] = []
        if isOffline || isFromCache {
            notices.append(
                "Server \(server) onbereikbaar\(reason.map { " (\($0))" } ?? ""): de inhoud komt uit de cache; "
                    + "je voortgang wordt bewaard en verstuurd zodra de server er weer is"
            )
        }
        let contents = try queue.contents()
        if contents.setAside > 0 {
            notices.append("\(contents.setAside) onleesbare regel(s) uit de wachtrij apart gezet in \(queue.corruptPath); de rest wordt verstuurd")
        }
        return Session(library: library, learner: profile.learner, backend: backend, notices: notices)
    }
}
