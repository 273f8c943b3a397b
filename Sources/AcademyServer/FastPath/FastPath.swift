import AcademyProgress
import HTTPTypes
import Metrics
import NIOCore
import NIOHTTP1
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The requests that make up nearly all of a server's traffic (content JSON, captions, media) are
/// answered on the event loop itself, without a task hop: the plan is the same as Hummingbird's,
/// and files go out with `sendfile`. Anything the fast path is not sure of (a stale account
/// cache, an unknown id, a query string, a failed sign-in, request logging at `info`) it leaves to
/// Hummingbird, which answers it fully.
final class FastPath: Sendable {
    let content: ContentState
    let accounts: AccountDirectory
    let limiter: FailedSignInLimiter
    let isPublic: Bool
    let isLoopback: Bool
    private let metrics = Mutex<[String: (requests: Counter, bytes: Counter)]>([:])

    init(content: ContentState, accounts: AccountDirectory, limiter: FailedSignInLimiter, isPublic: Bool, isLoopback: Bool) {
        self.content = content
        self.accounts = accounts
        self.limiter = limiter
        self.isPublic = isPublic
        self.isLoopback = isLoopback
    }

    /// The plan for a request, or nil to let Hummingbird answer it.
    func plan(for head: HTTPRequestHead, clientAddress: String) -> (route: String, plan: ResponsePlan, descriptor: SharedDescriptor?)? {
        guard head.method == .GET || head.method == .HEAD, head.version == .http1_1, head.isKeepAlive, !head.uri.utf8.contains(0x3F) else { return nil }
        guard isPublic || isSignedIn(head.headers, clientAddress: clientAddress) else { return nil }
        let facts = RequestFacts(
            isHead: head.method == .HEAD,
            ifNoneMatch: head.headers.first(name: "if-none-match"),
            ifModifiedSince: head.headers.first(name: "if-modified-since"),
            range: head.headers.first(name: "range"),
            ifRange: head.headers.first(name: "if-range"),
            acceptEncoding: head.headers.first(name: "accept-encoding")
        )
        let snapshot = content.snapshot
        let path = head.uri
        if path.hasPrefix("/media/") {
            guard let key = MediaPath.key(fromRequestPath: path), let entry = snapshot.media[key] else { return nil }
            if let memory = entry.inMemory { return ("/media/**", memory.plan(for: facts), nil) }
            guard let (representation, descriptor) = entry.openRepresentation() else { return nil }
            let plan = representation.plan(for: facts)
            guard case .file = plan.body else { return ("/media/**", plan, nil) }
            return ("/media/**", plan, descriptor)
        }
        switch path {
        case "/api/v1/modules": return ("/api/v1/modules", snapshot.catalog.plan(for: facts), nil)
        case "/api/v1/tracks": return ("/api/v1/tracks", snapshot.tracks.plan(for: facts), nil)
        default: break
        }
        guard !facts.isHead else { return nil }
        if path.hasPrefix("/api/v1/modules/"), let cached = snapshot.modules[String(path.dropFirst("/api/v1/modules/".count))] {
            return ("/api/v1/modules/{id}", cached.plan(for: facts), nil)
        }
        if path.hasPrefix("/api/v1/videos/"), let cached = snapshot.videos[String(path.dropFirst("/api/v1/videos/".count))] {
            return ("/api/v1/videos/{id}", cached.plan(for: facts), nil)
        }
        return nil
    }

    /// A valid bearer token from the fresh cache, or the local learner on a loopback server
    /// without accounts. Anything else goes the slow way (which refreshes, counts failures, 401s).
    private func isSignedIn(_ headers: HTTPHeaders, clientAddress: String) -> Bool {
        guard let authorization = headers.first(name: "authorization") else {
            return isLoopback && accounts.isCachedLocalOnly()
        }
        guard authorization.count > 7, authorization.prefix(7).lowercased() == "bearer ", limiter.retryAfter(clientAddress) == nil else { return false }
        return accounts.cachedLearner(withToken: String(authorization.dropFirst(7))) != nil
    }

    /// Counts a fast-path response: requests by route and status, and bytes sent.
    func record(route: String, status: Int, bytes: Int) {
        let key = "\(route) \(status)"
        let counters = metrics.withLock { cache in
            if let counters = cache[key] { return counters }
            let counters = (
                Counter(label: "academy_fast_requests_total", dimensions: [("route", route), ("status", String(status))]),
                Counter(label: "academy_fast_response_bytes_total", dimensions: [("route", route)])
            )
            cache[key] = counters
            return counters
        }
        counters.requests.increment()
        if bytes > 0 { counters.bytes.increment(by: bytes) }
    }
}
