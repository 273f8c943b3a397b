import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import NIOPosix
import Synchronization

/// The player's HTTP client for one server and token, over AsyncHTTPClient (SwiftNIO, with NIOSSL
/// and the system's trust roots for https). Every request has a short timeout: a server that is
/// down must not hold up the player; what could not be sent waits in the queue.
struct HTTPClient: Sendable {
    /// The server.
    let server: ServerAddress
    /// The bearer token.
    let token: String
    /// Seconds a request may take, from connecting to the last byte of the answer, before it
    /// counts as failed.
    let timeout: Double

    /// The most bytes an answer's body may have (after decompression); a larger one is a
    /// ``TransportError``, not a player that runs out of memory.
    static let maximumBodySize = 64 << 20

    /// The proxy to the server (see ``ProxyChoice``), chosen once from the environment; a setting
    /// that cannot be used fails every request with its reason.
    private let proxy: Result<ProxyChoice?, TransportError>

    init(server: ServerAddress, token: String, timeout: Double = 2, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.server = server
        self.token = token
        // A deadline is counted in 64-bit nanoseconds: a day is plenty, and cannot overflow.
        self.timeout = min(timeout, 86_400)
        do throws(TransportError) {
            proxy = .success(try server.url("/").flatMap { url throws(TransportError) in try ProxyChoice.forRequest(to: url, environment: environment) })
        } catch {
            proxy = .failure(error)
        }
    }

    /// `GET path`, with `If-None-Match` when an ETag is known.
    func get(_ path: String, ifNoneMatch etag: String? = nil) async throws(TransportError) -> HTTPAnswer {
        var headers: HTTPHeaders = ["Accept": "application/json, text/vtt;q=0.9, */*;q=0.1"]
        if let etag { headers.add(name: "If-None-Match", value: etag) }
        return try await send(.GET, path, headers: headers, body: nil)
    }

    /// `POST path` with a JSON body.
    func post(_ path: String, json: Data) async throws(TransportError) -> HTTPAnswer {
        try await send(.POST, path, headers: ["Accept": "application/json", "Content-Type": "application/json"], body: json)
    }

    private func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: Data?) async throws(TransportError) -> HTTPAnswer {
        guard let url = server.url(path) else { throw TransportError(reason: "'\(path)' is not a path on \(server)", isTimeout: false) }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "User-Agent", value: "academy-player")
        // The transport decompresses (see `makeEngine`); the server gzips documents over 1 KB.
        request.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
        request.headers.add(contentsOf: headers)
        if let body { request.body = .bytes(body) }
        let engine = Self.engine(for: try proxy.get())
        do {
            return try await Self.exchange(request, within: timeout, through: engine)
        } catch {
            throw TransportError(error, timeout: timeout)
        }
    }

    /// Sends `request` and collects the whole answer within `seconds`. AsyncHTTPClient's own
    /// deadline ends when the head has arrived, so the body is raced against the same deadline:
    /// a server that sends its headers and then stalls fails as fast as one that never answers.
    private static func exchange(
        _ request: HTTPClientRequest,
        within seconds: Double,
        through engine: AsyncHTTPClient.HTTPClient
    ) async throws -> HTTPAnswer {
        let nanoseconds = Int64(seconds * 1e9)
        let stop = ContinuousClock.now + .nanoseconds(nanoseconds)
        let response = try await engine.execute(request, deadline: .now() + .nanoseconds(nanoseconds))
        let body = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await response.body.collect(upTo: maximumBodySize) }
            group.addTask {
                try await Task.sleep(until: stop, clock: .continuous)
                return nil
            }
            defer { group.cancelAll() }
            guard let body = try await group.next() ?? nil else { throw HTTPClientError.deadlineExceeded }
            return body
        }
        var fields: [String: String] = [:]
        for (name, value) in response.headers {
            // As Foundation did: a repeated field is one value, joined with commas (RFC 9110 5.3).
            let name = name.lowercased()
            fields[name] = fields[name].map { "\($0), \(value)" } ?? value
        }
        return HTTPAnswer(status: Int(response.status.code), headers: fields, body: Data(body.readableBytesView))
    }

    /// The AsyncHTTPClient of the process for a proxy (or none), made on the first request through
    /// it (a command that never talks to a server starts no event loop) and never shut down: its
    /// pool keeps connections to the server open between requests, at most 8 per host. A player
    /// talks to one server, so there is one.
    private static func engine(for proxy: ProxyChoice?) -> AsyncHTTPClient.HTTPClient {
        engines.withLock { engines in
            if let engine = engines[proxy] { return engine }
            let engine = makeEngine(proxy)
            engines[proxy] = engine
            return engine
        }
    }

    private static let engines = Mutex<[ProxyChoice?: AsyncHTTPClient.HTTPClient]>([:])

    /// A refused connection fails its requests at once rather than being retried until their
    /// deadline, so that "connection refused" is said in milliseconds. The connect timeout is
    /// left long: each request's own deadline is what limits the wait.
    private static func makeEngine(_ proxy: ProxyChoice?) -> AsyncHTTPClient.HTTPClient {
        var pool = AsyncHTTPClient.HTTPClient.Configuration.ConnectionPool(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 8)
        pool.retryConnectionEstablishment = false
        var configuration = AsyncHTTPClient.HTTPClient.Configuration(
            timeout: .init(connect: .minutes(10)),
            connectionPool: pool,
            decompression: .enabled(limit: .size(maximumBodySize))
        )
        if let proxy {
            switch proxy.kind {
            case .http:
                let authorization = proxy.username.map { AsyncHTTPClient.HTTPClient.Authorization.basic(username: $0, password: proxy.password ?? "") }
                configuration.proxy = .server(host: proxy.host, port: proxy.port, authorization: authorization)
            case .socks:
                configuration.proxy = .socksServer(host: proxy.host, port: proxy.port)
            }
        }
        return AsyncHTTPClient.HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }
}
