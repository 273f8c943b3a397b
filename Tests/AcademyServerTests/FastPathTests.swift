import AcademyServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("The event-loop fast path: sendfile, changed files, order on one connection")
struct FastPathTests {
    /// A file over the fast path's in-memory limit, so it goes out with `sendfile`.
    static let big: [UInt8] = (0..<(300 << 10)).map { UInt8(($0 * 7) % 251) }

    @Test("Big files go out whole and in ranges, byte for byte, on both paths", arguments: MediaTests.paths)
    func bigFile(fast: Bool) async throws {
        let server = try await TestServer.make()
        defer { server.remove() }
        try Data(Self.big).write(to: URL(fileURLWithPath: server.media + "/bordsessie-opbouw/bordsessie-waarom.mp4"))
        let app = try await buildApplication(server.configuration())
        try await app.test(.live) { client in
            if fast { try await server.warm(client) }
            let whole = try await client.execute(uri: TestServer.videoPath, method: .get, headers: server.headers("anna"))
            #expect(whole.status == .ok)
            #expect(whole.headers[.contentLength] == String(Self.big.count))
            #expect(whole.body.bytes == Self.big)
            let middle = 100_000...199_999
            let range = try await client.execute(
                uri: TestServer.videoPath, method: .get, headers: server.headers("anna", [.range: "bytes=\(middle.lowerBound)-\(middle.upperBound)"]))
            #expect(range.status == .partialContent)
            #expect(range.headers[.contentRange] == "bytes 100000-199999/\(Self.big.count)")
            #expect(range.body.bytes == Array(Self.big[middle]))
            let parts = try await client.execute(uri: TestServer.videoPath, method: .get, headers: server.headers("anna", [.range: "bytes=0-99999,200000-299999"]))
            #expect(parts.status == .partialContent)
            let text = parts.body.bytes
            #expect(text.count > 200_000)
            #expect(parts.headers[.contentType]?.hasPrefix("multipart/byteranges; boundary=") == true)
        }
    }

    @Test("A replaced file is served with its new bytes and ETag, a removed one is 404, on both paths", arguments: MediaTests.paths)
    func changedFile(fast: Bool) async throws {
        let server = try await TestServer.make()
        defer { server.remove() }
        let path = server.media + "/bordsessie-opbouw/bordsessie-waarom.mp4"
        let app = try await buildApplication(server.configuration())
        try await app.test(.live) { client in
            if fast { try await server.warm(client) }
            let before = try await client.execute(uri: TestServer.videoPath, method: .get, headers: server.headers("anna"))
            #expect(before.body.bytes == TestServer.videoBytes)
            // Replaced the way authors and tools do it: a new file renamed over the old one.
            let replacement = Array("a new version of the video".utf8)
            try Data(replacement).write(to: URL(fileURLWithPath: path + ".new"))
            #expect(rename(path + ".new", path) == 0)
            // The fast path trusts its last look at a file for up to a second (as nginx's open file
            // cache does); until then it serves the old file whole, with the old validators.
            try await Task.sleep(for: .milliseconds(1100))
            if fast { try await server.warm(client) }
            let after = try await client.execute(uri: TestServer.videoPath, method: .get, headers: server.headers("anna"))
            #expect(after.status == .ok)
            #expect(after.body.bytes == replacement)
            #expect(after.headers[.eTag] != before.headers[.eTag])
            #expect(unlink(path) == 0)
            try await Task.sleep(for: .milliseconds(1100))
            if fast { try await server.warm(client) }
            let gone = try await client.execute(uri: TestServer.videoPath, method: .get, headers: server.headers("anna"))
            #expect(gone.status == .notFound)
        }
    }

    @Test("Pipelined requests on one connection are answered in order, fast and slow mixed")
    func pipelinedOrder() async throws {
        let server = try await TestServer.make()
        defer { server.remove() }
        let app = try await buildApplication(server.configuration())
        try await app.test(.live) { client in
            try await server.warm(client)
            let port = try #require(client.port)
            let token = server.tokens["anna"]!
            func get(_ path: String, _ extra: String = "") -> String {
                "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n\(extra)\r\n"
            }
            let requests = get("/api/v1/me") + get(TestServer.videoPath, "Range: bytes=0-3\r\n") + get("/api/v1/modules/bordsessie-opbouw")
                + get(TestServer.videoPath, "Range: bytes=4-7\r\n") + get("/healthz", "Connection: close\r\n")
            let answer = try await offThePool { try RawHTTPClient.exchange(port: port, request: requests) }
            let statuses = answer.components(separatedBy: "HTTP/1.1 ").dropFirst().map { String($0.prefix(3)) }
            #expect(statuses == ["200", "206", "200", "206", "200"], "\(answer.prefix(3000))")
            let order = ["\"id\":\"anna\"", "bytes 0-3/5000", "\"id\":\"bordsessie-opbouw\"", "bytes 4-7/5000", "\r\n\r\nok\n"].map {
                answer.range(of: $0, options: .caseInsensitive)?.lowerBound
            }
            #expect(!order.contains(nil), "\(answer.prefix(3000))")
            let found = order.compactMap { $0 }
            #expect(found == found.sorted(), "responses out of order: \(answer.prefix(3000))")
        }
    }
}

/// Runs blocking socket code on a thread of its own: blocking one of the few threads of Swift's
/// cooperative pool would starve the in-process server the test talks to.
func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// A raw HTTP/1.1 exchange: sends `request` (one or several requests, the last asking to close)
/// and reads until the server closes the connection.
enum RawHTTPClient {
    static func exchange(port: Int, request: String) throws -> String {
        let descriptor = try LoopbackSocket.connect(port: port)
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = request.withCString { send(descriptor, $0, strlen($0), 0) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }
}
