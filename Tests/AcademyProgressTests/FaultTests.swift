import AcademyContent
import AcademyProgress
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Crashes, concurrency and damaged files: nothing acknowledged is lost, nothing is doubled, and
/// every problem names its file.
@Suite("Faults", .serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: Support.academyBinary), "build academy first: swift build"))
struct FaultTests {
    @Test("A writer killed with SIGKILL at random moments, 50 times: every acknowledged event is there and every file parses")
    func killedWriter() async throws {
        let directory = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let store = try await JSONFileProgressStore(directory: directory, compactionThreshold: 64 << 10)
            try await store.add(Support.learner("anna"))
        }
        var acknowledged: Set<String> = []
        var sent = 0
        for round in 0..<50 {
            let child = try RecordingChild(dataDirectory: directory, learner: "anna")
            let deadline = Date().addingTimeInterval(Double.random(in: 0.05...0.4))
            while Date() < deadline {
                let lines = (0..<Int.random(in: 1...20)).map { _ in Support.eventLine(from: Double((sent + round) % 140)) }
                sent += lines.count
                guard child.send(lines) else { break }
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...3)))
            }
            child.kill()
            acknowledged.formUnion(child.acknowledged)
        }
        #expect(acknowledged.count > 100, "the writer acknowledged events before it was killed")

        let store = try await JSONFileProgressStore(directory: directory)
        let stored = Set(try await store.history(of: "anna").map { $0.id.uuidString.lowercased() })
        let missing = acknowledged.subtracting(stored)
        #expect(missing.isEmpty, "\(missing.count) acknowledged events are missing")
        #expect(Set(stored).count == stored.count)
        // Every file parses: the store reads them all without setting anything aside.
        _ = try await store.progress(of: "anna")
        let issues = await store.issues()
        #expect(issues.allSatisfy { $0.severity == "notice" }, "\(issues)")
        if Support.hasJSONSchema {
            #expect(try Support.run("/usr/bin/env", ["python3", Support.repository.appendingPathComponent("Scripts/check-data").path, directory]) == 0)
        }
    }

    @Test("Two processes and 32 tasks write to one learner at once: no event lost or doubled")
    func concurrentWriters() async throws {
        let directory = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let library = try await Support.library()
        let store = try await JSONFileProgressStore(directory: directory, compactionThreshold: 32 << 10)
        try await store.add(Support.learner("anna"))
        let service = ProgressService(library: library, store: store)

        let shared = (0..<200).map { _ in UUID() }  // sent by both processes: must be stored once
        let child = try RecordingChild(dataDirectory: directory, learner: "anna")
        let childOwn = (0..<400).map { _ in UUID() }
        let childTask = Task.detached {
            for batch in (childOwn + shared).chunked(25) {
                child.send(batch.map { Support.eventLine(from: 5, id: $0) })
                try await Task.sleep(for: .milliseconds(2))
            }
            child.finish()
        }
        let tasks = (0..<32).map { task in
            (0..<25).map { _ in UUID() } + shared[(task * 6)..<(task * 6 + 6)]
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for ids in tasks {
                group.addTask {
                    for id in ids {
                        let event = ProgressEvent(id: id, kind: .videoProgress(videoID: "leerkracht-elke-dag-beter", segments: [.init(from: 3, to: 9)], position: 9))
                        let outcome = try await service.record([event], for: "anna")
                        #expect(outcome == [.stored] || outcome == [.duplicate])
                    }
                }
            }
            try await group.waitForAll()
        }
        try await childTask.value
        let expected = Set(childOwn + shared + tasks.flatMap { $0 })
        let history = try await store.history(of: "anna")
        #expect(history.count == expected.count, "stored \(history.count), expected \(expected.count)")
        #expect(Set(history.map(\.id)) == expected)
        let reopened = try await JSONFileProgressStore(directory: directory)
        #expect(try await reopened.history(of: "anna").count == expected.count)
    }

    /// A store with anna's events compacted into her snapshot and history, and some still in the journal.
    static func storeWithProgress() async throws -> (directory: String, events: [ProgressEvent]) {
        let directory = try Support.temporaryDirectory()
        let store = try await JSONFileProgressStore(directory: directory)
        try await store.add(Support.learner("anna"))
        let first = Support.watched("bordsessie-waarom", module: "bordsessie-opbouw", 0, 60)
        let second = Support.checked("bordsessie-moment-vastleggen", module: "bordsessie-opbouw")
        _ = try await store.record([first, second], for: "anna")
        try await store.compact()
        let third = Support.watched("bordsessie-waarom", module: "bordsessie-opbouw", 60, 100)
        _ = try await store.record([third], for: "anna")
        return (directory, [first, second, third])
    }

    static func expectIntact(_ directory: String, _ events: [ProgressEvent]) async throws -> [StoreIssue] {
        let store = try await JSONFileProgressStore(directory: directory)
        let progress = try await store.progress(of: "anna")
        #expect(progress.videos["bordsessie-waarom"]?.played.covered == 100)
        #expect(progress.steps["bordsessie-moment-vastleggen"]?.isChecked == true)
        #expect(Set(try await store.history(of: "anna").map(\.id)) == Set(events.map(\.id)))
        return await store.issues()
    }

    @Test("Damaged snapshots (truncated, garbage, wrong shape, a directory) are set aside, named, and rebuilt", arguments: [
        "truncated", "garbage", "wrong-shape", "directory",
    ])
    func damagedSnapshot(kind: String) async throws {
        let (directory, events) = try await Self.storeWithProgress()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/progress/anna.json"
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        switch kind {
        case "truncated": try original.prefix(original.count / 2).write(to: URL(fileURLWithPath: path))
        case "garbage": try Data((0..<500).map { _ in UInt8.random(in: 0...255) }).write(to: URL(fileURLWithPath: path))
        case "wrong-shape": try Data("{\"format\":\"academy-progress\",\"version\":1,\"learner\":7}".utf8).write(to: URL(fileURLWithPath: path))
        default:
            try FileManager.default.removeItem(atPath: path)
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        }
        let issues = try await Self.expectIntact(directory, events)
        #expect(issues.contains { $0.path == path && $0.severity == "warning" && $0.message.contains("moved to") }, "\(issues)")
        let aside = try FileManager.default.contentsOfDirectory(atPath: directory + "/corrupt")
        #expect(aside.contains { $0.hasSuffix("anna.json") }, "the damaged file is kept, not overwritten")
    }

    @Test("A torn journal tail (a crash mid-append) is dropped; nothing acknowledged is lost")
    func tornTail() async throws {
        let (directory, events) = try await Self.storeWithProgress()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = FileHandle(forWritingAtPath: directory + "/journal.jsonl")!
        journal.seekToEndOfFile()
        journal.write(Data("{\"learner\":\"anna\",\"event\":{\"id\":\"6F0".utf8))
        journal.closeFile()
        let issues = try await Self.expectIntact(directory, events)
        #expect(issues.contains { $0.message.contains("unfinished last line") })
    }

    @Test("Garbage in the journal: the journal is set aside and every readable event kept")
    func corruptJournal() async throws {
        let (directory, events) = try await Self.storeWithProgress()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var text = try String(contentsOfFile: directory + "/journal.jsonl", encoding: .utf8)
        text = text.replacingOccurrences(of: "\n{\"event\"", with: "\nnot json at all\n{\"event\"")
        try text.write(toFile: directory + "/journal.jsonl", atomically: true, encoding: .utf8)
        let issues = try await Self.expectIntact(directory, events)
        #expect(issues.contains { $0.path.hasSuffix("journal.jsonl") && $0.message.contains("unreadable line") })
    }

    @Test("A file from a newer academy stops the store with its name, and is left untouched")
    func futureVersion() async throws {
        let (directory, _) = try await Self.storeWithProgress()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/learners.json"
        let future = Data(try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 2").utf8)
        try future.write(to: URL(fileURLWithPath: path))
        do {
            _ = try await JSONFileProgressStore(directory: directory)
            Issue.record("opened a store with a newer learners.json")
        } catch let error as StoreError {
            #expect(error.code == "D002")
            #expect(error.path == path)
            #expect(error.description.contains("newer academy"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == future)
    }

    @Test("Garbage in learners.json is set aside and reported, not overwritten")
    func corruptAccounts() async throws {
        let (directory, _) = try await Self.storeWithProgress()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("\u{0}\u{1}garbage".utf8).write(to: URL(fileURLWithPath: directory + "/learners.json"))
        let store = try await JSONFileProgressStore(directory: directory)
        #expect(try await store.learners().isEmpty)
        let issues = await store.issues()
        #expect(issues.contains { $0.path.hasSuffix("learners.json") && $0.message.contains("corrupt/") })
        let aside = try FileManager.default.contentsOfDirectory(atPath: directory + "/corrupt")
        #expect(aside.contains { $0.hasSuffix("learners.json") })
    }

    @Test("A read-only data directory: reading works, writing fails naming the directory, nothing changes", .enabled(if: Support.canMount))
    func readOnly() async throws {
        try await Support.withTmpfs(size: "4m") { mount in
            do {
                // Closed before the remount: a file open for writing keeps a mount read-write.
                let store = try await JSONFileProgressStore(directory: mount + "/data")
                try await store.add(Support.learner("anna"))
                _ = try await store.record([Support.checked("bordsessie-moment-vastleggen", module: "bordsessie-opbouw")], for: "anna")
            }
            let before = try Support.snapshot(of: mount + "/data")
            #expect(try Support.run("/bin/mount", ["-o", "remount,ro", mount]) == 0)
            let readOnly = try await JSONFileProgressStore(directory: mount + "/data")
            #expect(try await readOnly.progress(of: "anna").steps.count == 1)
            await #expect {
                _ = try await readOnly.record([Support.checked("bordsessie-bord-kiezen", module: "bordsessie-opbouw")], for: "anna")
            } throws: { error in
                guard let error = error as? StoreError else { return false }
                return error.code == "D003" && error.path?.hasPrefix(mount) == true
            }
            #expect(try Support.snapshot(of: mount + "/data") == before)
            _ = try Support.run("/bin/mount", ["-o", "remount,rw", mount])
        }
    }

    @Test("A full disk: the write fails with D004, no partial line stays, and earlier events are intact", .enabled(if: Support.canMount))
    func fullDisk() async throws {
        try await Support.withTmpfs(size: "256k") { mount in
            let store = try await JSONFileProgressStore(directory: mount + "/data", compactionThreshold: 1 << 30)
            try await store.add(Support.learner("anna"))
            var stored: [ProgressEvent] = []
            var failure: StoreError?
            let note = String(repeating: "Een lange notitie. ", count: 400)
            for _ in 0..<200 {
                let event = ProgressEvent(kind: .noteSaved(stepID: "bordsessie-moment-vastleggen", text: note), moduleID: "bordsessie-opbouw")
                do {
                    _ = try await store.record([event], for: "anna")
                    stored.append(event)
                } catch let error as StoreError {
                    failure = error
                    break
                }
            }
            #expect(failure?.code == "D004", "\(String(describing: failure))")
            #expect(failure?.path?.hasSuffix("journal.jsonl") == true)
            let journal = try Data(contentsOf: URL(fileURLWithPath: mount + "/data/journal.jsonl"))
            #expect(journal.last == 0x0A, "no partial line")
            let reopened = try await JSONFileProgressStore(directory: mount + "/data")
            #expect(Set(try await reopened.history(of: "anna").map(\.id)) == Set(stored.map(\.id)))
        }
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

extension Support {
    /// Runs a program and returns its exit status.
    @discardableResult
    static func run(_ path: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Whether this machine lets the tests mount a small tmpfs (root with mount rights).
    static let canMount: Bool = {
        guard getuid() == 0, let directory = try? temporaryDirectory() else { return false }
        defer { try? FileManager.default.removeItem(atPath: directory) }
        guard (try? run("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", directory])) == 0 else { return false }
        _ = try? run("/bin/umount", [directory])
        return true
    }()

    static func withTmpfs(size: String, _ body: (String) async throws -> Void) async throws {
        let directory = try temporaryDirectory()
        #expect(try run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", directory]) == 0)
        do {
            try await body(directory)
        } catch {
            _ = try? run("/bin/umount", [directory])
            throw error
        }
        _ = try run("/bin/umount", [directory])
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Every file's bytes under a directory, by relative path.
    static func snapshot(of directory: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + path))
            }
        }
        return files
    }
}
