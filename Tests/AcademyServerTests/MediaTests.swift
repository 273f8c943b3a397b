import AcademyServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Media: RFC 9110 ranges, validators, and nothing outside the content")
struct MediaTests {
    static let length = TestServer.videoBytes.count

    struct RangeCase: Sendable, CustomTestStringConvertible {
        var header: String
        var status: HTTPResponse.Status
        var contentRange: String?
        var bytes: ClosedRange<Int>?
        var testDescription: String { "Range: \(header) → \(status.code)" }
    }

    static let ranges: [RangeCase] = [
        .init(header: "bytes=0-0", status: .partialContent, contentRange: "bytes 0-0/5000", bytes: 0...0),
        .init(header: "bytes=0-1", status: .partialContent, contentRange: "bytes 0-1/5000", bytes: 0...1),
        .init(header: "bytes=0-", status: .partialContent, contentRange: "bytes 0-4999/5000", bytes: 0...4999),
        .init(header: "bytes=4999-", status: .partialContent, contentRange: "bytes 4999-4999/5000", bytes: 4999...4999),
        .init(header: "bytes=5000-", status: .rangeNotSatisfiable, contentRange: "bytes */5000"),
        .init(header: "bytes=9000-", status: .rangeNotSatisfiable, contentRange: "bytes */5000"),
        .init(header: "bytes=-100", status: .partialContent, contentRange: "bytes 4900-4999/5000", bytes: 4900...4999),
        .init(header: "bytes=-0", status: .rangeNotSatisfiable, contentRange: "bytes */5000"),
        .init(header: "bytes=-9000", status: .partialContent, contentRange: "bytes 0-4999/5000", bytes: 0...4999),
        .init(header: "bytes=100-9000", status: .partialContent, contentRange: "bytes 100-4999/5000", bytes: 100...4999),
        .init(header: "bytes=2000-2999", status: .partialContent, contentRange: "bytes 2000-2999/5000", bytes: 2000...2999),
        .init(header: "bytes=10-5", status: .ok),
        .init(header: "bytes=abc", status: .ok),
        .init(header: "bytes=1-2-3", status: .ok),
        .init(header: "items=0-1", status: .ok),
        .init(header: "bytes 0-1", status: .ok),
        .init(header: "bytes=0-1,2-3", status: .partialContent, contentRange: "bytes 0-3/5000", bytes: 0...3),
    ]

    /// Both ways through the server: Hummingbird's, and the event-loop fast path (taken once the
    /// account cache is warm).
    static let paths = [false, true]

    @Test("The range matrix: exact status, Content-Range and body bytes, on both paths", arguments: ranges, paths)
    func range(_ test: RangeCase, fast: Bool) async throws {
        let server = try await TestServer.make()
        defer { server.remove() }
        let app = try await buildApplication(server.configuration())
        try await app.test(.live) { client in
            if fast { try await server.warm(client) }
            let response = try await client.execute(uri: TestServer.videoPath, method: .get, headers: server.headers("anna", [.range: test.header]))
            #expect(response.status == test.status)
            #expect(response.headers[.contentRange] == test.contentRange)
            #expect(response.headers[.acceptRanges] == "bytes")
            if let bytes = test.bytes {
                #expect(response.body.bytes == Array(TestServer.videoBytes[bytes]))
                #expect(response.headers[.contentLength] == String(bytes.count))
            } else if test.status == .ok {
                #expect(response.body.bytes == TestServer.videoBytes)
            }
        }
    }

    @Test("Several ranges come back as multipart/byteranges, each part with its Content-Range", arguments: paths)
    func multipart(fast: Bool) async throws {
        let server = try await TestServer.make()
        defer { server.remove() }
        let app = try await buildApplication(server.configuration())
        try await app.test(.live) { client in
            if fast { try await server.warm(client) }
            let response = try await client.execute(uri: TestServer.videoPath, method: .get, headers: server.headers("anna", [.range: "bytes=0-9, 100-109, -5"]))
            #expect(response.status == .partialContent)
            let type = try #require(response.headers[.contentType])
            #expect(type.hasPrefix("multipart/byteranges; boundary="))
            let boundary = String(type.split(separator: "=").last!)
            let body = response.body.bytes
            #expect(response.headers[.contentLength] == String(body.count))
            let text = String(decoding: body, as: UTF8.self)
            #expect(text.components(separatedBy: "--\(boundary)\r\n").count == 4)
            #expect(text.hasSuffix("--\(boundary)--\r\n"))
            for (range, expected) in [("0-9/5000", 0...9), ("100-109/5000", 100...109), ("4995-4999/5000", 4995...4999)] {
                let marker = Array("Content-Range: bytes \(range)\r\n\r\n".utf8)
                let start = try #require(body.firstRange(of: marker)).upperBound
                #expect(Array(body[start..<(start + expected.count)]) == Array(TestServer.videoBytes[expected]))
            }
        }
    }

    @Test("Validators: strong ETag, Last-Modified, 304, If-Range, HEAD, Cache-Control, content types", arguments: paths)
    func validators(fast: Bool) async throws {
        let server = try await TestServer.make()
        defer { server.remove() }
        let app = try await buildApplication(server.configuration())
        try await app.test(.live) { client in
            if fast { try await server.warm(client) }
            let full = try await client.execute(uri: TestServer.videoPath, method: .get, headers: server.headers("anna"))
            let etag = try #require(full.headers[.eTag])
            #expect(etag.hasPrefix("\""))
            #expect(full.headers[.contentType] == "video/mp4")
            #expect(full.headers[.cacheControl]?.contains("max-age") == true)
            let modified = try #require(full.headers[.lastModified])
            let notModified = try await client.execute(uri: TestServer.videoPath, method: .get, headers: server.headers("anna", [.ifNoneMatch: etag]))
            #expect(notModified.status == .notModified)
            let current = try await client.execute(uri: TestServer.videoPath, method: .get, headers: server.headers("anna", [.range: "bytes=0-1", .ifRange: etag]))
            #expect(current.status == .partialContent)
            let stale = try await client.execute(uri: TestServer.videoPath, method: .get, headers: server.headers("anna", [.range: "bytes=0-1", .ifRange: "\"other\""]))
            #expect(stale.status == .ok)
            #expect(stale.body.readableBytes == MediaTests.length)
            let byDate = try await client.execute(uri: TestServer.videoPath, method: .get, headers: server.headers("anna", [.range: "bytes=0-1", .ifRange: modified]))
            #expect(byDate.status == .partialContent)
            let head = try await client.execute(uri: TestServer.videoPath, method: .head, headers: server.headers("anna"))
            #expect(head.status == .ok)
            #expect(head.headers[.contentLength] == "5000")
            #expect(head.body.readableBytes == 0)
            let captions = try await client.execute(uri: "/media/bordsessie-opbouw/captions/bordsessie-waarom.nl.vtt", method: .get, headers: server.headers("anna"))
            #expect(captions.status == .ok)
            #expect(captions.headers[.contentType] == "text/vtt; charset=utf-8")
            #expect(captions.body.text.hasPrefix("WEBVTT"))
            let chapters = try await client.execute(uri: "/media/bordsessie-opbouw/chapters/bordsessie-waarom.nl.vtt", method: .get, headers: server.headers("anna", [.range: "bytes=0-5"]))
            #expect(chapters.status == .partialContent)
            #expect(chapters.body.text == "WEBVTT")
        }
    }

    static let traversals: [String] = [
        "/media/bordsessie-opbouw/../../etc/passwd",
        "/media/bordsessie-opbouw/..%2f..%2fetc%2fpasswd",
        "/media/bordsessie-opbouw/%2e%2e/%2e%2e/etc/passwd",
        "/media/bordsessie-opbouw/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/media/bordsessie-opbouw/..%5c..%5cetc%5cpasswd",
        "/media/bordsessie-opbouw/%252e%252e%252fetc%252fpasswd",
        "/media/bordsessie-opbouw/..%c0%af..%c0%afetc/passwd",
        "/media/bordsessie-opbouw/%00/etc/passwd",
        "/media/bordsessie-opbouw/bordsessie-waarom.mp4%00.vtt",
        "/media/bordsessie-opbouw/.hidden",
        "/media/bordsessie-opbouw/%2ehidden",
        "/media/bordsessie-opbouw/bordsessie-waarom.jpg",
        "/media/bordsessie-opbouw/",
        "/media/bordsessie-opbouw",
        "/media/",
        "/media/../Modules/academy.xml",
        "/media/bordsessie-opbouw/module.xml",
        "/media/bordsessie-opbouw/captions/",
        "/media/bordsessie-opbouw//etc/passwd",
        "/media//etc/passwd",
        "/media/bordsessie-opbouw/captions/../../../Modules/academy.xml",
        "/media/%2fetc%2fpasswd/x",
        "/media/bordsessie-opbouw/%5c..%5c..%5cetc%5cpasswd",
        "/media/bordsessie-opbouw/bordsessie-waarom.mp4/..",
    ]

    @Test("The traversal matrix: every form is refused, nothing outside the content is served", arguments: traversals, paths)
    func traversal(_ path: String, fast: Bool) async throws {
        let server = try await TestServer.make()
        defer { server.remove() }
        let app = try await buildApplication(server.configuration())
        try await app.test(.live) { client in
            if fast { try await server.warm(client) }
            let response = try await client.execute(uri: path, method: .get, headers: server.headers("anna"))
            #expect(response.status == .notFound || response.status == .badRequest, "\(response.status)")
            #expect(!response.body.text.contains("root:"))
            #expect(!response.body.text.contains("secret"))
        }
    }

    @Test("With a warm account cache, media and content are answered on the event loop, and counted")
    func fastPathIsTaken() async throws {
        let server = try await TestServer.make()
        defer { server.remove() }
        let app = try await buildApplication(server.configuration())
        try await app.test(.live) { client in
            try await server.warm(client)
            _ = try await client.execute(uri: TestServer.videoPath, method: .get, headers: server.headers("anna", [.range: "bytes=0-9"]))
            _ = try await client.execute(uri: "/api/v1/modules", method: .get, headers: server.headers("anna"))
            let metrics = try await client.execute(uri: "/metrics", method: .get).body.text
            #expect(metrics.contains(#"academy_fast_requests_total{route="/media/**",status="206"}"#), "\(metrics.prefix(2000))")
            #expect(metrics.contains(#"academy_fast_requests_total{route="/api/v1/modules",status="200"}"#))
        }
    }

    @Test("A client that hangs up mid-transfer costs nothing: the server keeps answering")
    func hangUp() async throws {
        let server = try await TestServer.make()
        defer { server.remove() }
        // A big file, so the transfer is still going when the client leaves.
        let big = (0..<(8 << 20)).map { UInt8($0 % 253) }
        try Data(big).write(to: URL(fileURLWithPath: server.media + "/bordsessie-opbouw/bordsessie-waarom.mp4"))
        let app = try await buildApplication(server.configuration())
        try await app.test(.live) { client in
            try await server.warm(client)
            let port = try #require(client.port)
            let token = server.tokens["anna"]!
            try await offThePool {
                for _ in 0..<20 {
                    try HangingClient.request(port: port, path: TestServer.videoPath, token: token, readBytes: 1000)
                }
            }
            let after = try await client.execute(uri: TestServer.videoPath, method: .get, headers: server.headers("anna", [.range: "bytes=0-3"]))
            #expect(after.status == .partialContent)
            #expect(after.body.bytes == Array(big[0...3]))
        }
    }

    @Test("An absolute URI in the request line is served by its path only")
    func absoluteURI() async throws {
        let server = try await TestServer.make()
        defer { server.remove() }
        let app = try await buildApplication(server.configuration())
        try await app.test(.live) { client in
            let response = try await client.execute(uri: "http://127.0.0.1/media/bordsessie-opbouw/../../etc/passwd", method: .get, headers: server.headers("anna"))
            #expect(!response.body.text.contains("root:"))
            #expect(response.status != .ok)
        }
    }
}
