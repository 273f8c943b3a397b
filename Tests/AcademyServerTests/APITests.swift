import AcademyContent
import AcademyProgress
import AcademyServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("The JSON API")
struct APITests {
    @Test("Catalog, module, video, tracks: precomputed, with a strong ETag, 304 and gzip")
    func content() async throws {
        let server = try await TestServer.make()
        defer { server.remove() }
        let app = try await buildApplication(server.configuration())
        try await app.test(.router) { client in
            let catalog = try await client.execute(uri: "/api/v1/modules", method: .get, headers: server.headers("anna"))
            #expect(catalog.status == .ok)
            #expect(catalog.headers[.contentType] == "application/json; charset=utf-8")
            let etag = try #require(catalog.headers[.eTag])
            #expect(etag.hasPrefix("\"") && !etag.hasPrefix("W/"))
            let modules = try #require(try catalog.body.json()["modules"] as? [[String: Any]])
            #expect(modules.count == 20)
            #expect(modules[4]["id"] as? String == "bordsessie-opbouw")

            let again = try await client.execute(uri: "/api/v1/modules", method: .get, headers: server.headers("anna", [.ifNoneMatch: etag]))
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)

            let zipped = try await client.execute(uri: "/api/v1/modules", method: .get, headers: server.headers("anna", [.acceptEncoding: "gzip, br"]))
            #expect(zipped.headers[.contentEncoding] == "gzip")
            #expect(zipped.headers[.vary] == "Accept-Encoding")
            #expect(zipped.body.readableBytes < catalog.body.readableBytes)

            let module = try await client.execute(uri: "/api/v1/modules/bordsessie-opbouw", method: .get, headers: server.headers("anna"))
            let document = try module.body.json()
            #expect((document["videos"] as? [[String: Any]])?.count == 5)
            #expect((document["stepPlans"] as? [[String: Any]])?.isEmpty == false)

            let video = try await client.execute(uri: "/api/v1/videos/bordsessie-waarom", method: .get, headers: server.headers("anna"))
            let videoDocument = try video.body.json()
            let captions = try #require(videoDocument["captions"] as? [[String: Any]])
            #expect(captions.first?["url"] as? String == "/media/bordsessie-opbouw/captions/bordsessie-waarom.nl.vtt")
            #expect((videoDocument["chapters"] as? [[String: Any]])?.first?["cues"] != nil)

            let tracks = try await client.execute(uri: "/api/v1/tracks", method: .get, headers: server.headers("anna"))
            #expect(try #require(JSONSerialization.jsonObject(with: Data(tracks.body.readableBytesView)) as? [Any]).count == 6)

            let unknown = try await client.execute(uri: "/api/v1/modules/bordsessie-opbuow", method: .get, headers: server.headers("anna"))
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.contentType] == "application/problem+json")
            #expect(try unknown.body.json()["detail"] as? String == "no module 'bordsessie-opbuow' (did you mean 'bordsessie-opbouw'?): see GET /api/v1/modules")
        }
    }

    @Test("Tokens: missing, wrong and revoked are 401; too many failures from one address are 429")
    func tokens() async throws {
        let server = try await TestServer.make()
        defer { server.remove() }
        var configuration = server.configuration()
        configuration.failedAuthenticationsPerMinute = 5
        let app = try await buildApplication(configuration)
        try await app.test(.router) { client in
            let missing = try await client.execute(uri: "/api/v1/me", method: .get)
            #expect(missing.status == .unauthorized)
            #expect(missing.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            #expect(try missing.body.json()["code"] as? String == "unauthorized")
            let contentWithoutToken = try await client.execute(uri: "/api/v1/modules", method: .get)
            #expect(contentWithoutToken.status == .unauthorized)
            let media = try await client.execute(uri: TestServer.videoPath, method: .get)
            #expect(media.status == .unauthorized)
            for token in ["ak_wrong", "Bearer-less", server.tokens["revoked"]!] {
                let response = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(token)"])
                #expect(response.status == .unauthorized, "\(token)")
            }
            let basic = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Basic YTpi"])
            #expect(basic.status == .unauthorized)
            _ = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer nope"])
            let limited = try await client.execute(uri: "/api/v1/me", method: .get, headers: server.headers("anna"))
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] != nil)
        }
    }

    @Test("A learner reads and writes only their own progress; coaches read their team; admins everyone")
    func roles() async throws {
        let server = try await TestServer.make()
        defer { server.remove() }
        let app = try await buildApplication(server.configuration())
        try await app.test(.router) { client in
            let me = try await client.execute(uri: "/api/v1/me", method: .get, headers: server.headers("anna"))
            #expect(try me.body.json()["id"] as? String == "anna")
            let checks: [(String, String, HTTPResponse.Status)] = [
                ("anna", "/api/v1/learners/anna/progress", .ok),
                ("anna", "/api/v1/learners/bert/progress", .forbidden),
                ("anna", "/api/v1/teams/onderbouw/progress", .forbidden),
                ("coach", "/api/v1/learners/bert/progress", .ok),
                ("coach", "/api/v1/teams/onderbouw/progress", .ok),
                ("other", "/api/v1/teams/onderbouw/progress", .forbidden),
                ("other", "/api/v1/learners/anna/progress", .forbidden),
                ("admin", "/api/v1/teams/onderbouw/progress", .ok),
                ("admin", "/api/v1/learners/anna/progress", .ok),
                ("anna", "/api/v1/learners/nobody/progress", .forbidden),
                // Path segments are percent-decoded (RFC 3986): a team with a space, a slash and an ë.
                ("zee", "/api/v1/teams/groep%207%2F8%20%E2%80%93%20zee%C3%ABn/progress", .ok),
                ("zee", "/api/v1/teams/groep%207%2f8%20%e2%80%93%20zee%c3%abn/progress", .ok),
                ("zee", "/api/v1/teams/onderbouw/progress", .forbidden),
                ("coach", "/api/v1/teams/%6Fnderbouw/progress", .ok),
                ("zee", "/api/v1/teams/groep%2/progress", .badRequest),
                ("zee", "/api/v1/teams/%FF%FE/progress", .badRequest),
                ("anna", "/api/v1/learners/%61nna/progress", .ok),
                // 60 letters with 60 accents: 60 characters but 120 code points, over the schema's 100.
                ("zee", "/api/v1/teams/" + String(repeating: "e%CC%81", count: 60) + "/progress", .badRequest),
                ("zee", "/api/v1/teams/" + String(repeating: "e%CC%81", count: 50) + "/progress", .forbidden),
            ]
            for (reader, uri, status) in checks {
                let response = try await client.execute(uri: uri, method: .get, headers: server.headers(reader))
                #expect(response.status == status, "\(reader) \(uri)")
            }
            let team = try await client.execute(uri: "/api/v1/teams/onderbouw/progress", method: .get, headers: server.headers("coach"))
            let document = try team.body.json()
            #expect(document["learnerCount"] as? Int == 4)
        }
    }

    @Test("Events: one or a batch, idempotent, 201/200; unknown ids 422; malformed 400; oversized 413")
    func events() async throws {
        let server = try await TestServer.make()
        defer { server.remove() }
        let app = try await buildApplication(server.configuration())
        try await app.test(.router) { client in
            let id = UUID().uuidString
            let event = #"{"id":"\#(id)","type":"videoProgress","at":"2026-11-29T10:00:00Z","video":"bordsessie-waarom","segments":[[0,140]],"position":140}"#
            let headers = server.headers("anna", [.contentType: "application/json"])
            let first = try await client.execute(uri: "/api/v1/me/events", method: .post, headers: headers, body: ByteBuffer(string: event))
            #expect(first.status == .created)
            #expect(first.body.text.contains(#""status":"stored""#) == true)
            let second = try await client.execute(uri: "/api/v1/me/events", method: .post, headers: headers, body: ByteBuffer(string: "[\(event)]"))
            #expect(second.status == .ok)
            #expect(second.body.text.contains(#""status":"duplicate""#) == true)

            let step = #"{"id":"\#(UUID().uuidString)","type":"stepChecked","at":"2026-11-29T10:01:00Z","step":"bordsessie-moment-vastleggen"}"#
            let unknown = #"{"id":"\#(UUID().uuidString)","type":"stepChecked","at":"2026-11-29T10:01:00Z","step":"geen-stap"}"#
            let mixed = try await client.execute(uri: "/api/v1/me/events", method: .post, headers: headers, body: ByteBuffer(string: "[\(step),\(unknown)]"))
            #expect(mixed.status == .created)
            #expect(mixed.body.text.contains(#""code":"E002""#) == true)

            let refused = try await client.execute(uri: "/api/v1/me/events", method: .post, headers: headers, body: ByteBuffer(string: unknown))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.headers[.contentType] == "application/problem+json")
            #expect(try refused.body.json()["code"] as? String == "E002")

            // A property the event's type does not have (the schema's additionalProperties: false),
            // also on an event already stored, whose id would otherwise only be a duplicate.
            let extra = event.replacingOccurrences(of: #""type""#, with: #""colour":"red","type""#)
            for body in ["{", "[]", "", #"{"id":"x"}"#, "42", extra, "[\(extra)]"] {
                let malformed = try await client.execute(uri: "/api/v1/me/events", method: .post, headers: headers, body: ByteBuffer(string: body))
                #expect(malformed.status == .badRequest, "\(body)")
                #expect(malformed.headers[.contentType] == "application/problem+json")
            }
            let huge = try await client.execute(
                uri: "/api/v1/me/events", method: .post, headers: headers, body: ByteBuffer(repeating: 0x20, count: 2 << 20)
            )
            #expect(huge.status == .contentTooLarge)

            let progress = try await client.execute(uri: "/api/v1/me/progress", method: .get, headers: server.headers("anna"))
            let modules = try #require(try progress.body.json()["modules"] as? [[String: Any]])
            let module = try #require(modules.first { $0["moduleID"] as? String == "bordsessie-opbouw" })
            #expect(module["videosComplete"] as? Int == 1)
            #expect(module["stepsChecked"] as? Int == 1)
            let resume = try await client.execute(uri: "/api/v1/me/videos/bordsessie-waarom", method: .get, headers: server.headers("anna"))
            #expect(try resume.body.json()["position"] as? Double == 140)
            let next = try await client.execute(uri: "/api/v1/me/next", method: .get, headers: server.headers("anna"))
            #expect((try next.body.json()["next"] as? [String: Any])?["kind"] as? String == "video")

            // The history folds to the same progress, and holds only anna's stored events, once each.
            let history = try await client.execute(uri: "/api/v1/me/events", method: .get, headers: server.headers("anna"))
            #expect(history.status == .ok)
            let events = try ProgressJSON.decoder.decode([ProgressEvent].self, from: Data(history.body.readableBytesView))
            #expect(events.count == 2)
            #expect(events.first?.id.uuidString == id)
            var folded = LearnerProgress()
            for event in events { folded.apply(event) }
            #expect(folded.videos["bordsessie-waarom"]?.position == 140)
            let bert = try await client.execute(uri: "/api/v1/me/events", method: .get, headers: server.headers("bert"))
            #expect(bert.body.text == "[]")
            #expect(try await client.execute(uri: "/api/v1/me/events", method: .get).status == .unauthorized)
        }
    }

    @Test("Unknown routes are 404 problem+json; operations endpoints answer")
    func operations() async throws {
        let server = try await TestServer.make()
        defer { server.remove() }
        let app = try await buildApplication(server.configuration())
        try await app.test(.router) { client in
            let unknown = try await client.execute(uri: "/api/v2/modules", method: .get)
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.contentType] == "application/problem+json")
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(try ready.body.json()["modules"] as? Int == 20)
            _ = try await client.execute(uri: "/api/v1/modules", method: .get, headers: server.headers("anna"))
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(metrics.body.text.contains("hb_requests") == true || metrics.body.text.contains("http") == true)
        }
    }

    @Test("Without accounts on loopback everyone is the local learner; beyond loopback the server refuses to start")
    func localLearner() async throws {
        let server = try await TestServer.make(accounts: false)
        defer { server.remove() }
        let app = try await buildApplication(server.configuration())
        try await app.test(.router) { client in
            let me = try await client.execute(uri: "/api/v1/me", method: .get)
            #expect(try me.body.json()["id"] as? String == "local")
            let again = try await client.execute(uri: "/api/v1/modules", method: .get)
            #expect(again.status == .ok)
        }
        await #expect {
            _ = try await buildApplication(server.configuration(host: "0.0.0.0"))
        } throws: { error in
            "\(error)".contains("refusing to listen on 0.0.0.0 without learner accounts")
        }
    }

    @Test("--public-content: content without a token, progress still needs one")
    func publicContent() async throws {
        let server = try await TestServer.make()
        defer { server.remove() }
        let app = try await buildApplication(server.configuration(isContentPublic: true))
        try await app.test(.router) { client in
            let catalog = try await client.execute(uri: "/api/v1/modules", method: .get)
            let video = try await client.execute(uri: TestServer.videoPath, method: .get)
            let me = try await client.execute(uri: "/api/v1/me", method: .get)
            #expect(catalog.status == .ok)
            #expect(video.status == .ok)
            #expect(me.status == .unauthorized)
        }
    }
}
