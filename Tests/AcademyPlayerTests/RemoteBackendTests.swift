import AcademyContent
import AcademyProgress
import Foundation
import Testing

@testable import AcademyPlayer

/// The remote backend against a real server in this process, stopped and started again mid-test.
@Suite("Remote mode against a live server", .serialized)
struct RemoteBackendTests {
    static func check(_ step: String, module: String = "bordsessie-opbouw") -> ProgressEvent {
        ProgressEvent(kind: .stepChecked(stepID: step), moduleID: module)
    }

    static let steps = ["bordsessie-moment-vastleggen", "bordsessie-bord-kiezen", "bordsessie-vakken-indelen", "bordsessie-rollen-verdelen"]

    @Test("Events recorded while the server is down wait in the queue and arrive exactly once after it restarts")
    func stopAndRestart() async throws {
        let server = try await LiveServer.start()
        let environment = Scratch.environment()
        let session = try await server.connection().open(environment: environment)
        let backend = session.backend
        let first = Self.check(Self.steps[0])
        #expect(try await backend.record([first]).isEmpty)
        #expect(try await server.events().map(\.id) == [first.id])

        await server.stop()
        let queued = Self.steps[1...].map { Self.check($0) }
        #expect(try await backend.keep(queued).isEmpty)
        let down = await backend.synchronize()
        #expect(down.waiting == 3)
        #expect(down.problem == "server onbereikbaar")
        #expect(try backend.queue.contents().events.map(\.id) == queued.map(\.id))
        // The screen stays right: the server's events as last seen, and the queued ones.
        #expect(try await backend.progress().checkedSteps == Set(Self.steps))

        try await server.start()
        let up = await backend.synchronize()
        #expect(up.waiting == 0)
        #expect(up.problem == nil)
        #expect(!FileManager.default.fileExists(atPath: backend.queue.path))
        let stored = try await server.events()
        #expect(stored.map(\.id) == ([first] + queued).map(\.id))

        // The answer got lost after the server stored them (a crash before the queue was
        // updated): they are sent again, and the server keeps each once.
        try backend.queue.append(queued)
        #expect(await backend.synchronize().waiting == 0)
        #expect(try await server.events().count == 4)
        await server.stop()
    }

    @Test("More than 500 events go in batches of at most 500, in order")
    func batches() async throws {
        let server = try await LiveServer.start()
        let session = try await server.connection().open(environment: Scratch.environment())
        let events = (0..<1203).map { index in
            ProgressEvent(
                at: Date(timeIntervalSince1970: 1_800_000_000 + Double(index)),
                kind: index.isMultiple(of: 2) ? .stepChecked(stepID: Self.steps[index % 4]) : .stepUnchecked(stepID: Self.steps[index % 4]),
                moduleID: "bordsessie-opbouw"
            )
        }
        _ = try await session.backend.keep(events)
        let status = await session.backend.synchronize()
        #expect(status.waiting == 0)
        #expect(try await server.events().map(\.id) == events.map(\.id))
        await server.stop()
    }

    @Test("Refused events go to the refused file with the server's reason; the others are stored")
    func refused() async throws {
        let server = try await LiveServer.start()
        let session = try await server.connection().open(environment: Scratch.environment())
        let good = Self.check(Self.steps[0])
        let bad = Self.check("geen-stap")
        _ = try await session.backend.keep([good, bad])
        let status = await session.backend.synchronize()
        #expect(status.waiting == 0)
        #expect(status.refused.map(\.event.id) == [bad.id])
        #expect(status.refused.first?.error.code == "E002")
        #expect(try await server.events().map(\.id) == [good.id])
        // One event alone that is refused gets 422 problem+json: refused the same way.
        let alone = Self.check("ook-geen-stap")
        let refused = try await session.backend.record([alone])
        #expect(refused.map(\.code) == ["E002"])
        #expect(session.backend.queue.refusedRecords().map(\.event.id) == [bad.id, alone.id])
        #expect(try session.backend.queue.contents().events.isEmpty)
        await server.stop()
    }

    @Test("The content comes from the API as the server's library has it, and from the cache while the server is down")
    func content() async throws {
        let server = try await LiveServer.start()
        let environment = Scratch.environment()
        let session = try await server.connection().open(environment: environment)
        let bundled = try await Fixture.bundledLibrary()
        let library = session.library
        #expect(library.modules.map(\.id) == bundled.modules.map(\.id))
        #expect(library.modules.flatMap { $0.videos.map(\.id) } == bundled.modules.flatMap { $0.videos.map(\.id) })
        #expect(library.modules.flatMap(\.steps) == bundled.modules.flatMap(\.steps))
        #expect(library.academy.tracks == bundled.academy.tracks)
        let video = try #require(library.video(id: "bordsessie-waarom"))
        let original = try #require(bundled.video(id: "bordsessie-waarom"))
        #expect(video.captions(in: "nl")?.cues == original.captions(in: "nl")?.cues)
        #expect(video.chapters(in: "nl")?.cues.map(\.plainText) == original.chapters(in: "nl")?.cues.map(\.plainText))
        #expect(video.duration == original.duration)
        #expect(video.sources.first?.src == "/media/bordsessie-opbouw/bordsessie-waarom.webm")
        #expect(session.learner.id == "anna" && session.learner.displayName == "Anna")
        #expect(session.notices.isEmpty)

        // Again: every document is revalidated with its ETag (304) and read from the cache.
        let cache = DocumentCache.standard(server: server.address, environment: environment)
        let etag = try #require(cache.entry(for: "/api/v1/modules")?.etag)
        let answer = try await HTTPClient(server: server.address, token: server.tokens["anna"]!, timeout: 30).get("/api/v1/modules", ifNoneMatch: etag)
        #expect(answer.status == 304)
        let again = try await server.connection().open(environment: environment)
        #expect(again.library.modules.map(\.id) == bundled.modules.map(\.id))
        // The copy is what a 304 answers with: a copy changed under the same ETag shows up.
        let tracks = try #require(cache.entry(for: "/api/v1/tracks"))
        cache.store("/api/v1/tracks", etag: tracks.etag, body: Array("[]".utf8))
        #expect(try await server.connection().open(environment: environment).library.academy.tracks.isEmpty)
        cache.store("/api/v1/tracks", etag: "\"stale\"", body: Array("[]".utf8))
        #expect(try await server.connection().open(environment: environment).library.academy.tracks == bundled.academy.tracks)

        await server.stop()
        let offline = try await server.connection().open(environment: environment)
        #expect(offline.library.modules.count == bundled.modules.count)
        #expect(offline.library.video(id: "bordsessie-waarom")?.captions(in: "nl")?.cues == original.captions(in: "nl")?.cues)
        #expect(offline.learner.id == "anna")
        #expect(offline.notices.first?.contains("onbereikbaar") == true)
        #expect(offline.notices.first?.contains("cache") == true)
    }

    @Test("A wrong token: refused with how to log in again")
    func wrongToken() async throws {
        let server = try await LiveServer.start()
        do {
            _ = try await RemoteConnection(server: server.address, token: "ak_wrong").open(environment: Scratch.environment())
            Issue.record("expected unauthorized")
        } catch {
            #expect(error.code == "unauthorized")
            #expect(error.message.contains("refuses the token (401"))
            #expect(error.message.contains("academy login --server \(server.url)"))
        }
        await server.stop()
    }

    @Test("A server that is down with nothing cached: what to do")
    func unreachable() async throws {
        let port = try LiveServer.freePort()
        do {
            _ = try await RemoteConnection(server: ServerAddress("127.0.0.1:\(port)"), token: "ak_x").open(environment: Scratch.environment())
            Issue.record("expected unreachable")
        } catch {
            #expect(error.code == "unreachable")
            #expect(error.message.contains("cannot reach http://127.0.0.1:\(port) (connection refused)"))
            #expect(error.message.contains("academy serve"))
        }
    }
}
