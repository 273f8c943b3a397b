import AcademyContent
import AcademyProgress
import Foundation
import Testing

@testable import AcademyPlayer

@Suite("The offline event queue")
struct EventQueueTests {
    let directory = Scratch.directory()

    var queue: EventQueue {
        EventQueue(path: "\(directory)/queue-test.jsonl", server: "http://127.0.0.1:1", learnerID: "anna")
    }

    static func check(_ step: String, _ second: Double = 0) -> ProgressEvent {
        ProgressEvent(at: Fixture.start.addingTimeInterval(second), kind: .stepChecked(stepID: step), moduleID: "m1")
    }

    func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    @Test("Appends events after a header line, one per line as POST takes them, and gives them back in order")
    func appendAndRead() throws {
        let events = (0..<5).map { Self.check("s\($0)", Double($0)) }
        try queue.append(Array(events[..<2]))
        try queue.append(Array(events[2...]))
        let lines = lines(queue.path)
        #expect(lines.count == 6)
        #expect(lines[0] == #"{"format":"academy-event-queue","learner":"anna","server":"http://127.0.0.1:1","version":1}"#)
        #expect(lines[1].contains(#""type":"stepChecked""#) && lines[1].contains(#""step":"s0""#))
        #expect(try queue.contents().events.map(\.id) == events.map(\.id))
        #expect(Scratch.mode(of: queue.path) == 0o600)
    }

    @Test("Removes only the acknowledged events; an empty queue leaves no file")
    func remove() throws {
        let events = (0..<4).map { Self.check("s\($0)") }
        try queue.append(events)
        try queue.remove([events[1].id, events[3].id])
        #expect(try queue.contents().events.map(\.id) == [events[0].id, events[2].id])
        try queue.remove([events[0].id, events[2].id, UUID()])
        #expect(try queue.contents().events.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: queue.path))
    }

    @Test("Refused events move to the refused file with the server's reason, never dropped")
    func refuse() throws {
        let good = Self.check("s1")
        let bad = Self.check("nope")
        try queue.append([good, bad])
        try queue.refuse([RefusedEvent(event: bad, error: EventError(code: "E002", message: "unknown step 'nope'"))])
        #expect(try queue.contents().events.map(\.id) == [good.id])
        let records = queue.refusedRecords()
        #expect(records.map(\.event.id) == [bad.id])
        #expect(records.first?.code == "E002")
        #expect(records.first?.message == "unknown step 'nope'")
        #expect(queue.refusedPath.hasSuffix("queue-test.refused"))
    }

    @Test("Unreadable lines and a torn last line are set aside in the .corrupt file; the good ones stay")
    func corruptLines() throws {
        let first = Self.check("s1")
        let second = Self.check("s2")
        let text = [
            #"{"format":"academy-event-queue","learner":"anna","server":"http://127.0.0.1:1","version":1}"#,
            String(decoding: try EventQueue.line(first).dropLast(), as: UTF8.self),
            "not json at all",
            String(decoding: try EventQueue.line(second).dropLast(), as: UTF8.self),
            #"{"id":"6f1b7f5e-0000-4000-8000-00000000"#,
        ].joined(separator: "\n")
        try Data(text.utf8).write(to: URL(fileURLWithPath: queue.path))
        let contents = try queue.contents()
        #expect(contents.events.map(\.id) == [first.id, second.id])
        #expect(contents.setAside == 2)
        #expect(lines(queue.corruptPath) == ["not json at all", #"{"id":"6f1b7f5e-0000-4000-8000-00000000"#])
        #expect(lines(queue.path).count == 3)
        #expect(try queue.contents().setAside == 0)
        // A new event after a torn line starts on a line of its own.
        try Data("\n{torn".utf8).write(to: URL(fileURLWithPath: queue.path), options: .atomic)
        let third = Self.check("s3")
        try queue.append([third])
        #expect(try queue.contents().events.map(\.id) == [third.id], "\(lines(queue.path))")
    }

    @Test("A queue of a newer format is not touched")
    func newerFormat() throws {
        try Data(#"{"format":"academy-event-queue","version":2}"#.utf8 + [0x0A]).write(to: URL(fileURLWithPath: queue.path))
        #expect(throws: RemoteError.self) { try queue.contents() }
    }

    @Test("Two writers and a sender on one queue lose nothing and double nothing")
    func twoWriters() async throws {
        let path = queue.path
        // Two players append while a third sends (removes what the server acknowledged).
        let sent = try await withThrowingTaskGroup(of: Set<UUID>.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    let own = EventQueue(path: path, server: "http://127.0.0.1:1", learnerID: "anna")
                    for index in 0..<150 { try own.append([Self.check("w\(writer)-\(index)")]) }
                    return []
                }
            }
            group.addTask {
                let sender = EventQueue(path: path, server: "http://127.0.0.1:1", learnerID: "anna")
                var acknowledged: Set<UUID> = []
                for _ in 0..<40 {
                    let ids = Set(try sender.contents().events.prefix(5).map(\.id))
                    try sender.remove(ids)
                    acknowledged.formUnion(ids)
                }
                return acknowledged
            }
            return try await group.reduce(into: Set<UUID>()) { $0.formUnion($1) }
        }
        let left = try queue.contents().events
        #expect(Set(left.map(\.id)).isDisjoint(with: sent))
        #expect(left.count + sent.count == 300)
        #expect(Set(left.map(\.id)).count == left.count)
    }
}
