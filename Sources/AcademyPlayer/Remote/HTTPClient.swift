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

/// One answer of the server: status, headers (names in lowercase) and body.
struct HTTPAnswer: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data

    /// The media type without parameters, in lowercase: `application/json`.
    var mediaType: String {
        (headers["content-type"] ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }

    /// Whether the body is JSON (`application/json` or `application/problem+json`).
    var isJSON: Bool { mediaType == "application/json" || mediaType == "application/problem+json" }

    /// The `detail` of a problem+json body, if there is one.
    var problemDetail: String? {
        guard isJSON, let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
        return object["detail"] as? String
    }

    /// The first bytes of the body, for a message about an answer that is not what was asked for.
    var excerpt: String {
        let text = String(decoding: body.prefix(60), as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
        return body.count > 60 ? text + "…" : text
    }
}

/// A request got no HTTP answer: the server is down, unreachable, or too slow.
struct TransportError: Error, Sendable, CustomStringConvertible {
    /// What happened, such as "connection refused".
    var reason: String
    /// Whether the time ran out (rather than the connection being refused).
    var isTimeout: Bool

    init(reason: String, isTimeout: Bool) {
        self.reason = reason
        self.isTimeout = isTimeout
    }

    init(_ error: any Error, timeout: Double) {
        guard let error = error as? URLError else {
            self.init(reason: "\(error)", isTimeout: false)
            return
        }
        switch error.code {
        case .timedOut: self.init(reason: "no answer within \(Int(timeout.rounded())) s", isTimeout: true)
        case .cannotConnectToHost: self.init(reason: "connection refused", isTimeout: false)
        case .cannotFindHost, .dnsLookupFailed: self.init(reason: "unknown host", isTimeout: false)
        case .networkConnectionLost: self.init(reason: "the connection was lost", isTimeout: false)
        case .notConnectedToInternet: self.init(reason: "no network", isTimeout: false)
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid,
            .serverCertificateHasUnknownRoot:
            self.init(reason: "the TLS connection failed (\(error.localizedDescription))", isTimeout: false)
        default: self.init(reason: error.localizedDescription, isTimeout: false)
        }
    }

    var description: String { reason }
}
