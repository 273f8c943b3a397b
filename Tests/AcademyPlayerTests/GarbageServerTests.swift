import AcademyProgress
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization
import Testing

@testable import AcademyPlayer

#if canImport(Glibc)
import Glibc
#endif

/// Servers that are not the academy: what the player says about them.
@Suite("Servers that are not the academy, or misbehave", .serialized)
struct GarbageServerTests {
    /// Serves `body` as `type` for every GET, until `test` returns.
    static func withServer(type: String, body: String, status: HTTPResponse.Status = .ok, _ test: (Int) async throws -> Void) async throws {
        let router = Router()
        router.get("**") { _, _ in
            Response(status: status, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        try await serve(router, test)
    }

    /// Answers `POST /api/v1/me/events` with `answer(events)`, until `test` returns.
    static func withEventServer(
        answering answer: @escaping @Sendable ([[String: Any]]) -> (HTTPResponse.Status, String),
        test: (ServerAddress) async throws -> Void
    ) async throws {
        let router = Router()
        router.post("/api/v1/me/events") { request, _ in
            let body = try await request.body.collect(upTo: 64 << 20)
            let events = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [[String: Any]] ?? []
            let (status, text) = answer(events)
            let type = status == .ok || status == .created ? "application/json" : "application/problem+json"
            return Response(status: status, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        try await serve(router) { port in try await test(try ServerAddress("127.0.0.1:\(port)")) }
    }

    /// `{"results": [...]}` with every event stored.
    static func allStored(_ events: [[String: Any]]) -> String {
        let results = events.map { ["id": ($0["id"] as? String ?? "").lowercased(), "status": "stored"] }
        return String(decoding: try! JSONSerialization.data(withJSONObject: ["results": results]), as: UTF8.self)
    }

    static func backend(_ server: ServerAddress, timeout: Double = 30) throws -> RemoteProgressBackend {
        let queue = try EventQueue.standard(server: server, learnerID: "anna", environment: Scratch.environment())
        return RemoteProgressBackend(client: HTTPClient(server: server, token: "ak_x", timeout: timeout), queue: queue, eventsCachePath: nil)
    }

    static func events(_ count: Int) -> [ProgressEvent] {
        (0..<count).map { _ in ProgressEvent(kind: .stepChecked(stepID: "s1"), moduleID: "m1") }
    }

    private static func serve(_ router: Router<BasicRequestContext>, _ test: (Int) async throws -> Void) async throws {
        let port = try LiveServer.freePort()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        let group = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "garbage")))
        let running = Task { try await group.run() }
        for _ in 0..<200 where !LiveServer.accepts(port: port) { try await Task.sleep(for: .milliseconds(20)) }
        do {
            try await test(port)
        } catch {
            await group.triggerGracefulShutdown()
            _ = await running.result
            throw error
        }
        await group.triggerGracefulShutdown()
        _ = await running.result
    }

    @Test(
        "A web page, JSON of another shape, or a 404: 'not an academy server', with what it answered",
        arguments: [
            ("text/html", "<html><body>Welkom op de schoolsite</body></html>", HTTPResponse.Status.ok, "200 text/html ('<html><body>Welkom"),
            ("application/json", #"{"hello": "world"}"#, .ok, #"200 application/json ('{"hello": "world"}')"#),
            ("text/plain", "Not Found", .notFound, "404 text/plain ('Not Found')"),
        ]
    )
    func notAcademy(type: String, body: String, status: HTTPResponse.Status, shown: String) async throws {
        try await Self.withServer(type: type, body: body, status: status) { port in
            do {
                _ = try await RemoteConnection(server: ServerAddress("127.0.0.1:\(port)"), token: "ak_x").open(environment: Scratch.environment())
                Issue.record("expected not-academy")
            } catch let error as RemoteError {
                #expect(error.code == "not-academy")
                #expect(error.message.contains("http://127.0.0.1:\(port) is not an academy server: /api/v1/me answered \(shown)"))
                #expect(error.message.contains("check the address"))
            }
        }
    }

    @Test("Events sent to a server that answers garbage stay queued")
    func garbageKeepsEvents() async throws {
        try await Self.withServer(type: "text/html", body: "<html>oops</html>") { port in
            let server = try ServerAddress("127.0.0.1:\(port)")
            let environment = Scratch.environment()
            let queue = try EventQueue.standard(server: server, learnerID: "anna", environment: environment)
            let backend = RemoteProgressBackend(client: HTTPClient(server: server, token: "ak_x", timeout: 30), queue: queue, eventsCachePath: nil)
            _ = try await backend.keep([ProgressEvent(kind: .stepChecked(stepID: "s1"), moduleID: "m1")])
            let status = await backend.synchronize()
            #expect(status.waiting == 1)
            #expect(status.problem == "onverwacht antwoord (HTTP 404)" || status.problem == "onverwacht antwoord (HTTP 405)")
            #expect(await backend.problemDetail?.contains("not the academy API") == true)
        }
    }

    @Test("Batches hold at most 500 events, sent in order")
    func batchSizes() async throws {
        let sizes = Mutex<[Int]>([])
        try await Self.withEventServer(
            answering: { events in
                sizes.withLock { $0.append(events.count) }
                return (.created, Self.allStored(events))
            },
            test: { server in
                let backend = try Self.backend(server)
                let events = Self.events(1203)
                _ = try await backend.keep(events)
                #expect(await backend.synchronize().waiting == 0)
            }
        )
        #expect(sizes.withLock { $0 } == [500, 500, 203])
    }

    @Test("A batch the server finds too large (413) is split until it fits")
    func tooLarge() async throws {
        let sizes = Mutex<[Int]>([])
        try await Self.withEventServer(
            answering: { events in
                sizes.withLock { $0.append(events.count) }
                guard events.count <= 100 else { return (.contentTooLarge, #"{"detail":"too large","status":413}"#) }
                return (.created, Self.allStored(events))
            },
            test: { server in
                let backend = try Self.backend(server)
                _ = try await backend.keep(Self.events(300))
                #expect(await backend.synchronize().waiting == 0)
            }
        )
        #expect(sizes.withLock { $0 }.filter { $0 <= 100 }.reduce(0, +) == 300)
    }

    @Test("A refused token (401) or a failing server (503) keeps the events queued, and says why")
    func keptQueued() async throws {
        for (status, problem) in [(HTTPResponse.Status.unauthorized, "token geweigerd: log opnieuw in"), (.serviceUnavailable, "serverfout (503)")] {
            try await Self.withEventServer(
                answering: { _ in (status, #"{"detail":"no","status":\#(status.code)}"#) },
                test: { server in
                    let backend = try Self.backend(server)
                    _ = try await backend.keep(Self.events(3))
                    let result = await backend.synchronize()
                    #expect(result.waiting == 3)
                    #expect(result.problem == problem)
                }
            )
        }
    }

    @Test("A server that takes the connection but never answers: after the 2 s timeout the events stay queued")
    func silentServer() async throws {
        let (descriptor, port) = try LiveServer.loopbackSocket(listens: true)
        defer { close(descriptor) }
        let backend = try Self.backend(try ServerAddress("127.0.0.1:\(port)"), timeout: 2)
        _ = try await backend.keep(Self.events(2))
        let started = ContinuousClock.now
        let status = await backend.synchronize()
        let elapsed = ContinuousClock.now - started
        #expect(status.waiting == 2)
        #expect(status.problem == "server onbereikbaar")
        #expect(elapsed >= .seconds(1.5) && elapsed < .seconds(10))
        #expect(await backend.problemDetail?.contains("no answer within 2 s") == true)
    }
}
