import AcademyContent
import AcademyProgress
import Foundation
import Testing

@Suite("Events are checked against the content; a refused event stores nothing")
struct EventValidationTests {
    @Test("Bad events are refused with a clear code", arguments: [
        (ProgressEvent.Kind.videoProgress(videoID: "bordsessie-waaron", segments: [], position: 0), "E001"),
        (.stepChecked(stepID: "geen-stap"), "E002"),
        (.videoProgress(videoID: "bordsessie-waarom", segments: [.init(from: -1, to: 5)], position: 5), "E004"),
        (.videoProgress(videoID: "bordsessie-waarom", segments: [.init(from: 20, to: 10)], position: 5), "E004"),
        (.videoProgress(videoID: "bordsessie-waarom", segments: [.init(from: 0, to: 154)], position: 5), "E005"),
        (.noteSaved(stepID: "bordsessie-moment-vastleggen", text: String(repeating: "x", count: 10_001)), "E006"),
    ])
    func refused(kind: ProgressEvent.Kind, code: String) async throws {
        let directory = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try await JSONFileProgressStore(directory: directory)
        try await store.add(Support.learner("anna"))
        let service = ProgressService(library: try await Support.library(), store: store)
        let outcomes = try await service.record([ProgressEvent(kind: kind)], for: "anna")
        guard case let .refused(error) = outcomes.first else {
            Issue.record("accepted: \(outcomes)")
            return
        }
        #expect(error.code == code)
        #expect(try await store.history(of: "anna").isEmpty, "nothing is stored")
        let journal = try String(contentsOfFile: directory + "/journal.jsonl", encoding: .utf8)
        #expect(journal.split(separator: "\n").count == 1, "only the header")
    }

    @Test("A segment within 1 s past the end is accepted; the module is filled in; a wrong module is refused")
    func accepted() async throws {
        let library = try await Support.library()
        let validator = EventValidator(library: library)
        let video = try #require(library.video(id: "bordsessie-waarom"))
        let slack = ProgressEvent(kind: .videoProgress(videoID: video.id, segments: [.init(from: 0, to: video.duration.seconds + 0.9)], position: 3))
        #expect(try validator.validate(slack).get().moduleID == "bordsessie-opbouw")
        let wrong = ProgressEvent(kind: .videoProgress(videoID: video.id, segments: [], position: 0), moduleID: "wat-is-leerkracht")
        #expect(throws: EventError.self) { try validator.validate(wrong).get() }
    }
}
