import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL
import Testing

@testable import AcademyPlayer

#if canImport(Glibc)
import Glibc
#endif

/// What the player's HTTP client sends, and what it says when there is no usable answer.
@Suite("The player's HTTP client")
struct HTTPClientTests {
    static func client(_ port: Int, scheme: String = "http", timeout: Double = 30) throws -> AcademyPlayer.HTTPClient {
        AcademyPlayer.HTTPClient(server: try ServerAddress("\(scheme)://127.0.0.1:\(port)"), token: "ak_x", timeout: timeout)
    }

    /// The error of `GET /api/v1/me` against `server`.
    static func failure(_ server: RawServer, scheme: String = "http", timeout: Double = 30) async throws -> TransportError {
        defer { server.stop() }
        return await failure(try client(server.port, scheme: scheme, timeout: timeout))
    }

    /// The error of `GET /api/v1/me` with `client`.
    static func failure(_ client: AcademyPlayer.HTTPClient) async -> TransportError {
        do {
            let answer = try await client.get("/api/v1/me")
            Issue.record("expected a transport error, got \(answer.status)")
            return TransportError(reason: "", isTimeout: false)
        } catch {
            return error
        }
    }

    @Test("A GET sends the token, the player's name, what it accepts and the ETag; headers come back in lowercase")
    func getHeaders() async throws {
        let server = try RawServer(reply: "HTTP/1.1 304 Not Modified\r\nETag: \"v2\"\r\nX-Two: a\r\nX-Two: b\r\nContent-Length: 0\r\n\r\n")
        defer { server.stop() }
        let answer = try await Self.client(server.port).get("/api/v1/modules", ifNoneMatch: "\"v1\"")
        #expect(answer.status == 304)
        #expect(answer.headers["etag"] == "\"v2\"")
        #expect(answer.headers["x-two"] == "a, b")
        #expect(answer.body.isEmpty)
        let lines = server.request.split(separator: "\r\n").map(String.init)
        #expect(lines.first == "GET /api/v1/modules HTTP/1.1")
        for line in [
            "Authorization: Bearer ak_x", "User-Agent: academy-player", "Accept: application/json, text/vtt;q=0.9, */*;q=0.1",
            "If-None-Match: \"v1\"", "Accept-Encoding: gzip, deflate", "Host: 127.0.0.1:\(server.port)",
        ] {
            // Field names are case-insensitive (AsyncHTTPClient writes "host").
            #expect(lines.map { $0.lowercased() }.contains(line.lowercased()), "\(line) in \(lines)")
        }
        #expect(!lines.contains { $0.lowercased().hasPrefix("cookie") })
    }

    @Test("A POST sends JSON with its type and length")
    func postHeaders() async throws {
        let server = try RawServer(reply: "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
        defer { server.stop() }
        let json = Data(#"[{"id":"e1"}]"#.utf8)
        let answer = try await Self.client(server.port).post("/api/v1/me/events", json: json)
        #expect(answer.status == 201)
        #expect(answer.isJSON)
        #expect(answer.body == Data("{}".utf8))
        let lines = server.request.split(separator: "\r\n").map(String.init)
        #expect(lines.first == "POST /api/v1/me/events HTTP/1.1")
        #expect(lines.contains("Content-Type: application/json"))
        #expect(lines.contains("Content-Length: \(json.count)"))
        #expect(lines.contains("Authorization: Bearer ak_x"))
        #expect(lines.last == #"[{"id":"e1"}]"#)
    }

    @Test("A gzipped answer arrives unpacked")
    func gzip() async throws {
        // gzip of {"detail":"unpacked"}
        let packed: [UInt8] = [
            31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 171, 86, 74, 73, 45, 73, 204, 204, 81, 178, 82, 42, 205, 43, 72, 76, 206, 78, 77, 81, 170, 5, 0, 53,
            85, 13, 40, 21, 0, 0, 0,
        ]
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/problem+json\r\nContent-Encoding: gzip\r\nContent-Length: \(packed.count)\r\n\r\n"
        let server = try RawServer(reply: Array(head.utf8) + packed)
        defer { server.stop() }
        let answer = try await Self.client(server.port).get("/api/v1/me")
        #expect(answer.problemDetail == "unpacked")
    }

    @Test("Nothing listening: 'connection refused', at once rather than when the timeout is up", .timeLimit(.minutes(2)))
    func refused() async throws {
        let port = try LiveServer.freePort()
        let client = try Self.client(port, timeout: 60)
        let started = ContinuousClock.now
        let error = await Self.failure(client)
        #expect(error.reason == "connection refused")
        #expect(!error.isTimeout)
        // Alone it takes milliseconds; the bound leaves room for two cores busy with the other
        // suites (bcrypt), and still tells "at once" from a retry until the 60 s timeout.
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test("A host name that does not resolve: 'unknown host'")
    func unknownHost() async throws {
        // A label over 63 characters: the resolver refuses it without asking a name server.
        let server = try ServerAddress("http://" + String(repeating: "a", count: 64) + ".invalid")
        let error = await Self.failure(AcademyPlayer.HTTPClient(server: server, token: "ak_x", timeout: 30))
        #expect(error.reason == "unknown host")
        #expect(!error.isTimeout)
    }

    @Test("A server that closes the connection without answering: 'the connection was lost'")
    func lost() async throws {
        let error = try await Self.failure(try RawServer(reply: ""))
        #expect(error.reason == "the connection was lost")
        #expect(!error.isTimeout)
    }

    @Test("A server that sends its head and then stalls: a timeout, as for one that never answers", .timeLimit(.minutes(1)))
    func stalledBody() async throws {
        let server = try RawServer(reply: "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a\"", closes: false)
        let started = ContinuousClock.now
        let error = try await Self.failure(server, timeout: 1)
        #expect(error.isTimeout)
        #expect(error.reason == "no answer within 1 s")
        // About 1 s alone; without the deadline on the body it would wait forever.
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test("An answer over 64 MB is refused, not collected")
    func tooLarge() async throws {
        let server = try RawServer(reply: "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n[", closes: false)
        let error = try await Self.failure(server)
        #expect(error.reason == "the answer is larger than 64 MB")
        #expect(!error.isTimeout)
    }

    @Test("https to a server that speaks plain HTTP: 'the TLS connection failed (…)'")
    func tls() async throws {
        let server = try RawServer(reply: "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
        let error = try await Self.failure(server, scheme: "https")
        #expect(error.reason.hasPrefix("the TLS connection failed ("), "\(error.reason)")
        #expect(!error.isTimeout)
    }

    @Test(
        "Errors of the transport, in the player's words",
        arguments: [
            (HTTPClientError.deadlineExceeded as any Error, "no answer within 3 s", true),
            (HTTPClientError.connectTimeout, "no answer within 3 s", true),
            (ChannelError.connectTimeout(.seconds(3)), "no answer within 3 s", true),
            (IOError(errnoCode: ETIMEDOUT, reason: "connect"), "no answer within 3 s", true),
            (IOError(errnoCode: ECONNREFUSED, reason: "connect"), "connection refused", false),
            (HTTPClientError.remoteConnectionClosed, "the connection was lost", false),
            (IOError(errnoCode: ECONNRESET, reason: "read"), "the connection was lost", false),
            (NIOSSLError.uncleanShutdown, "the connection was lost", false),
            (IOError(errnoCode: ENETUNREACH, reason: "connect"), "no network", false),
            (NIOTooManyBytesError(maxBytes: 1), "the answer is larger than 64 MB", false),
            (NIOSSLExtraError.failedToValidateHostname, "the TLS connection failed (failedToValidateHostname)", false),
            (HTTPClientError.redirectLimitReached, "too many redirects", false),
        ]
    )
    func mapping(error: any Error, reason: String, isTimeout: Bool) {
        let transport = TransportError(error, timeout: 3)
        #expect(transport.reason == reason)
        #expect(transport.isTimeout == isTimeout)
    }
}
