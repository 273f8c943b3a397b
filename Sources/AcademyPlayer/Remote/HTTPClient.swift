import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The player's HTTP client for one server and token, over Foundation's `URLSession` (libcurl on
/// Linux, so https works too). Every request has a short timeout: a server that is down must not
/// hold up the player; what could not be sent waits in the queue.
struct HTTPClient: Sendable {
    /// The server.
    let server: ServerAddress
    /// The bearer token.
    let token: String
    /// Seconds a request may take before it counts as failed.
    let timeout: Double
    private let session: URLSession

    init(server: ServerAddress, token: String, timeout: Double = 2) {
        self.server = server
        self.token = token
        self.timeout = timeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = max(timeout, 30)
        // The player keeps its own ETag cache; Foundation's would answer from memory instead.
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpShouldSetCookies = false
        configuration.httpMaximumConnectionsPerHost = 8
        session = URLSession(configuration: configuration)
    }

    /// `GET path`, with `If-None-Match` when an ETag is known.
    func get(_ path: String, ifNoneMatch etag: String? = nil) async throws(TransportError) -> HTTPAnswer {
        var headers = ["Accept": "application/json, text/vtt;q=0.9, */*;q=0.1"]
        if let etag { headers["If-None-Match"] = etag }
        return try await send("GET", path, headers: headers, body: nil)
    }

    /// `POST path` with a JSON body.
    func post(_ path: String, json: Data) async throws(TransportError) -> HTTPAnswer {
        try await send("POST", path, headers: ["Accept": "application/json", "Content-Type": "application/json"], body: json)
    }

    private func send(_ method: String, _ path: String, headers: [String: String], body: Data?) async throws(TransportError) -> HTTPAnswer {
        guard let url = server.url(path) else { throw TransportError(reason: "'\(path)' is not a path on \(server)", isTimeout: false) }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = method
        request.httpBody = body
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("academy-player", forHTTPHeaderField: "User-Agent")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: request)
        } catch {
            throw TransportError(error, timeout: timeout)
        }
        guard let http = response as? HTTPURLResponse else { throw TransportError(reason: "the answer is not HTTP", isTimeout: false) }
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        return HTTPAnswer(status: http.statusCode, headers: fields, body: data)
    }
}
