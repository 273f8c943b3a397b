import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The shared, append-only journal (`journal.jsonl`) of every learner's recent events, and the
/// compaction that folds it into per-learner snapshots and histories.
///
/// Every method runs on the store's I/O queue, one at a time, and holds the data directory's lock
/// while it reads or writes, so a server and a player on the same directory interleave safely.
final class Journal: @unchecked Sendable {
    // @unchecked: used only on the store's serial I/O queue.

    struct Batch {
        var learner: String
        var event: ProgressEvent
        var line: [UInt8]
    }

    /// What reading the journal found: new entries, the generation, and whether it was replaced
    /// (compacted) since the last read, which invalidates everything cached.
    struct CatchUp {
        var entries: [StoreFormats.JournalEntry] = []
        var generation: Int
        var wasReplaced: Bool
        var issues: [StoreIssue] = []
    }

    let directory: String
    let path: String
    let lock: FileLock
    /// Compact when the journal grows past this many bytes.
    let compactionThreshold: Int
    private var descriptor: Int32 = -1
    /// Whether the journal could only be opened for reading (a read-only data directory).
    private var isReadOnly = false
    private var inode: ino_t = 0
    private(set) var generation = 0
    /// The bytes read so far (through the last complete line).
    private var offset = 0
    /// Set when this process started a new generation, to be reported at the next read.
    private var didRotate = false

    init(directory: String, lock: FileLock, compactionThreshold: Int) {
        self.directory = directory
        self.path = directory + "/journal.jsonl"
        self.lock = lock
        self.compactionThreshold = compactionThreshold
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    // MARK: - Reading

    /// Reads what was appended since the last call (by this process or another), dropping a torn
    /// tail and setting aside a corrupt journal. Runs under the lock.
    func catchUp() throws(StoreError) -> CatchUp {
        try lock.withLock { () throws(StoreError) in try catchUpLocked() }
    }

    private func catchUpLocked() throws(StoreError) -> CatchUp {
        var replaced = didRotate
        didRotate = false
        var status = stat()
        if stat(path, &status) != 0 || descriptor < 0 || status.st_ino != inode {
            try open()
            replaced = true
        }
        var result = CatchUp(generation: generation, wasReplaced: replaced)
        guard lseek(descriptor, off_t(offset), SEEK_SET) >= 0 else { throw StoreFiles.error(errno, path, doing: "read the journal") }
        let bytes = try StoreFiles.readAll(descriptor, path: path)
        guard !bytes.isEmpty else { return result }
        var lineStart = 0
        var corruptLines: [Int] = []
        for index in bytes.indices where bytes[index] == 0x0A {
            let line = bytes[lineStart..<index]
            do {
                result.entries.append(try StoreFormats.decoder.decode(StoreFormats.JournalEntry.self, from: Data(line)))
            } catch {
                corruptLines.append(offset + lineStart)
            }
            lineStart = index + 1
        }
        if lineStart < bytes.count {
            // A line without its newline: a writer died mid-append. Nobody acknowledged it; drop it.
            let tornAt = offset + lineStart
            if ftruncate(descriptor, off_t(tornAt)) == 0 {
                result.issues.append(
                    StoreIssue(severity: "notice", message: "dropped an unfinished last line (\(bytes.count - lineStart) bytes) left by a crash", path: path)
                )
            }
        }
        offset += lineStart
        if !corruptLines.isEmpty {
            result.issues.append(try salvage(corruptLineOffsets: corruptLines))
            return CatchUp(entries: try readAllEntries(), generation: generation, wasReplaced: true, issues: result.issues)
        }
        return result
    }

    /// Opens (creating if needed) the journal and reads its header.
    private func open() throws(StoreError) {
        if descriptor >= 0 { close(descriptor) }
        descriptor = Glibc.open(path, O_RDWR | O_CLOEXEC)
        if descriptor < 0, errno == ENOENT {
            try StoreFiles.writeAtomically(try Self.headerLine(generation: 1), to: path)
            descriptor = Glibc.open(path, O_RDWR | O_CLOEXEC)
        }
        isReadOnly = false
        if descriptor < 0, errno == EACCES || errno == EROFS {
            descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
            isReadOnly = true
        }
        guard descriptor >= 0 else { throw StoreFiles.error(errno, path, doing: "open the journal") }
        var status = stat()
        fstat(descriptor, &status)
        inode = status.st_ino
        let bytes = try StoreFiles.readAll(descriptor, path: path)
        guard let newline = bytes.firstIndex(of: 0x0A) else {
            throw StoreError(code: "D001", message: "the journal has no header line: move it aside by hand if it is not academy's", path: path)
        }
        do {
            generation = try StoreFormats.decode(StoreFormats.JournalHeader.self, from: bytes[..<newline], format: "academy-journal").generation
        } catch {
            switch error {
            case let .future(version):
                throw StoreError(
                    code: "D002",
                    message: "written by a newer academy (journal format version \(version)); upgrade academy to use this data directory",
                    path: path
                )
            case let .corrupt(reason):
                throw StoreError(code: "D001", message: "not an academy journal (\(reason)); move it aside to start a new one", path: path)
            }
        }
        offset = newline + 1
    }

    /// Every entry of the current journal.
    private func readAllEntries() throws(StoreError) -> [StoreFormats.JournalEntry] {
        offset = 0
        try open()
        return try catchUpLocked().entries
    }

    /// Sets a journal with corrupt lines aside and writes a new one with every line that parses.
    private func salvage(corruptLineOffsets: [Int]) throws(StoreError) -> StoreIssue {
        guard lseek(descriptor, 0, SEEK_SET) >= 0 else { throw StoreFiles.error(errno, path, doing: "read the journal") }
        let bytes = try StoreFiles.readAll(descriptor, path: path)
        var kept: [UInt8] = []
        var lineStart = 0
        var dropped = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            let line = bytes[lineStart...index]
            if lineStart == 0 || (try? StoreFormats.decoder.decode(StoreFormats.JournalEntry.self, from: Data(line.dropLast()))) != nil {
                kept += line
            } else {
                dropped += 1
            }
            lineStart = index + 1
        }
        let aside = try StoreFiles.moveAside(path, dataDirectory: directory)
        try StoreFiles.writeAtomically(kept, to: path)
        try open()
        return StoreIssue(
            severity: "warning",
            message: "\(dropped) unreadable line(s) in the journal; the original is kept at \(aside) and every readable event was kept",
            path: path
        )
    }

    // MARK: - Writing

    /// Appends a batch under the lock, after reading what other processes appended: events that
    /// another process stored meanwhile are not written again. Returns the other processes' entries
    /// and the ids of this batch that turned out to be duplicates. Durable (fdatasync) on return.
    func append(_ batch: [Batch]) throws(StoreError) -> (caughtUp: CatchUp, duplicates: Set<UUID>) {
        try lock.withLock { () throws(StoreError) in
            let caughtUp = try catchUpLocked()
            var seen = Set(caughtUp.entries.map(\.event.id))
            var bytes: [UInt8] = []
            var duplicates: Set<UUID> = []
            for item in batch {
                if seen.insert(item.event.id).inserted {
                    bytes += item.line
                } else {
                    duplicates.insert(item.event.id)
                }
            }
            if !bytes.isEmpty {
                if isReadOnly {
                    // Perhaps it became writable since; if not, say why.
                    let writable = Glibc.open(path, O_RDWR | O_CLOEXEC)
                    guard writable >= 0 else { throw StoreFiles.error(errno, path, doing: "record events") }
                    close(descriptor)
                    descriptor = writable
                    isReadOnly = false
                }
                try StoreFiles.appendDurably(descriptor, bytes, path: path)
                offset += bytes.count
            }
            return (caughtUp, duplicates)
        }
    }

    /// The journal's size, to decide on compaction (read on the I/O queue).
    var size: Int { offset }

    static func headerLine(generation: Int) throws(StoreError) -> [UInt8] {
        do {
            return try StoreFormats.line(StoreFormats.JournalHeader(generation: generation))
        } catch {
            throw StoreError(code: "D008", message: "cannot encode the journal header: \(error)")
        }
    }

    // MARK: - Compaction

    /// Folds the journal into each learner's history and snapshot, then starts a new, empty journal
    /// generation. Crash-safe at every step: a snapshot says which generation it includes, so a
    /// half-done compaction is finished (or harmlessly repeated) next time.
    func compact(progressDirectory: String, historyDirectory: String) throws(StoreError) -> [StoreIssue] {
        try lock.withLock { () throws(StoreError) in
            var issues: [StoreIssue] = []
            offset = 0
            try open()
            let entries = try catchUpLocked().entries
            let byLearner = Dictionary(grouping: entries, by: \.learner)
            for (learner, learnerEntries) in byLearner {
                let events = learnerEntries.map(\.event)
                let historyPath = "\(historyDirectory)/\(learner).jsonl"
                let snapshotPath = "\(progressDirectory)/\(learner).json"
                // The snapshot first: rebuilt from the history if need be, before this generation joins it.
                let (loaded, loadIssues) = try SnapshotFile.load(
                    snapshotPath, learner: learner, dataDirectory: directory, historyPath: historyPath, generation: generation)
                issues += loadIssues
                try History.append(events, learner: learner, path: historyPath)
                var snapshot = loaded
                if snapshot.journalGeneration <= generation {
                    for event in events { snapshot.progress.apply(event) }
                }
                snapshot.journalGeneration = generation + 1
                try SnapshotFile.write(snapshot, to: snapshotPath)
            }
            try StoreFiles.writeAtomically(try Self.headerLine(generation: generation + 1), to: path)
            offset = 0
            try open()
            didRotate = true
            return issues
        }
    }
}
