import Foundation
import Testing

@testable import AcademyPlayer

/// The proxy the player's requests go through, from the environment as curl reads it.
@Suite("Proxies from the environment")
struct ProxyChoiceTests {
    static let https = URL(string: "https://academie.school.nl/api/v1/me")!
    static let http = URL(string: "http://academie.school.nl:8080/api/v1/me")!

    static func choice(_ url: URL, _ environment: [String: String]) throws -> ProxyChoice? {
        try ProxyChoice.forRequest(to: url, environment: environment)
    }

    @Test("Each scheme has its variable; all_proxy is the fallback; nothing set is a direct connection")
    func variables() throws {
        #expect(try Self.choice(Self.https, [:]) == nil)
        let both = ["https_proxy": "http://secure:3128", "http_proxy": "plain:8080"]
        #expect(try Self.choice(Self.https, both) == ProxyChoice(kind: .http, host: "secure", port: 3128))
        #expect(try Self.choice(Self.http, both) == ProxyChoice(kind: .http, host: "plain", port: 8080))
        #expect(try Self.choice(Self.https, ["HTTPS_PROXY": "upper:1"])?.host == "upper")
        // HTTP_PROXY is what a CGI request can set through a "Proxy:" header, so curl ignores it.
        #expect(try Self.choice(Self.http, ["HTTP_PROXY": "evil:1"]) == nil)
        #expect(try Self.choice(Self.http, ["ALL_PROXY": "socks5h://gate"]) == ProxyChoice(kind: .socks, host: "gate", port: 1080))
        #expect(try Self.choice(Self.https, ["https_proxy": "  "]) == nil, "a blank variable is unset")
    }

    @Test("no_proxy names hosts and domains to reach directly, or every host with *")
    func exceptions() throws {
        let proxy = ["https_proxy": "proxy:3128"]
        for list in ["academie.school.nl", "school.nl", ".school.nl", "localhost, school.nl", "*"] {
            #expect(try Self.choice(Self.https, proxy.merging(["no_proxy": list]) { $1 }) == nil, "\(list)")
        }
        for list in ["hool.nl", "other.nl", "academie.school.nl.evil", ""] {
            #expect(try Self.choice(Self.https, proxy.merging(["NO_PROXY": list]) { $1 }) != nil, "\(list)")
        }
    }

    @Test("User and password come from the proxy's address, percent-decoded")
    func credentials() throws {
        let choice = try #require(try Self.choice(Self.https, ["https_proxy": "http://juf%40school:geheim%21@proxy.school.nl:8080/"]))
        #expect(choice == ProxyChoice(kind: .http, host: "proxy.school.nl", port: 8080, username: "juf@school", password: "geheim!"))
    }

    @Test("A proxy academy cannot use is an error that names the variable, not a quiet direct connection")
    func unusable() {
        for value in ["https://proxy:443", "ftp://proxy", "http://:8080"] {
            #expect {
                _ = try Self.choice(Self.https, ["https_proxy": value])
            } throws: { error in
                let reason = (error as? TransportError)?.reason ?? ""
                return reason.contains("https_proxy is '\(value)'") && reason.contains("http://host:port")
            }
        }
    }

    @Test("A player whose proxy setting cannot be used says why at every request, and connects nowhere")
    func unusableInClient() async throws {
        let client = AcademyPlayer.HTTPClient(
            server: try ServerAddress("https://academie.invalid"),
            token: "ak_x",
            timeout: 30,
            environment: ["https_proxy": "ftp://proxy"]
        )
        for _ in 0..<2 {
            let error = await HTTPClientTests.failure(client)
            #expect(error.reason.hasPrefix("https_proxy is 'ftp://proxy'"))
            #expect(!error.isTimeout)
        }
    }

    @Test("A request goes through an HTTP proxy's tunnel, with the proxy's credentials", .timeLimit(.minutes(1)))
    func throughProxy() async throws {
        let proxy = try RawServer(replies: [
            Array("HTTP/1.1 200 Connection established\r\n\r\n".utf8),
            Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}".utf8),
        ])
        defer { proxy.stop() }
        // The server's name does not resolve here: only the proxy can reach it.
        let client = AcademyPlayer.HTTPClient(
            server: try ServerAddress("http://academie.invalid:8080"),
            token: "ak_x",
            timeout: 30,
            environment: ["http_proxy": "http://juf:geheim@127.0.0.1:\(proxy.port)"]
        )
        let answer = try await client.get("/api/v1/me")
        #expect(answer.status == 200)
        let request = proxy.request
        #expect(request.hasPrefix("CONNECT academie.invalid:8080 HTTP/1.1\r\n"), "\(request)")
        #expect(request.lowercased().contains("proxy-authorization: basic \(Data("juf:geheim".utf8).base64EncodedString().lowercased())"))
        #expect(request.contains("GET /api/v1/me HTTP/1.1\r\n"), "the request itself, through the tunnel")
        #expect(request.contains("Authorization: Bearer ak_x"))
    }
}
