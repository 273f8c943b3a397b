import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A learner's snapshot file, `progress/<learner>.json`.
enum SnapshotFile {
    /// The snapshot at `path`. A missing or corrupt one is rebuilt from the learner's history (the
    /// corrupt file is set aside first); the rebuilt snapshot includes the journal generations
    /// before `generation`. A snapshot from a newer academy stops everything (``StoreError`` D002).
    static func load(
        _ path: String,
        learner: String,
        dataDirectory: String,
        historyPath: String,
        generation: Int
    ) throws(StoreError) -> (StoreFormats.Snapshot, [StoreIssue]) {
        var issues: [StoreIssue] = []
        var bytes: [UInt8]?
        do {
            bytes = try StoreFiles.read(path)
        } catch where error.code == "D001" {
            bytes = []  // a directory where the file belongs: set aside below
        }
        if let bytes {
            do {
                return (try StoreFormats.decode(StoreFormats.Snapshot.self, from: bytes, format: "academy-progress"), [])
            } catch {
                guard case let .corrupt(reason) = error else {
                    guard case let .future(version) = error else { fatalError("unreachable") }
                    throw StoreError(
                        code: "D002",
                        message: "written by a newer academy (progress format version \(version)); upgrade academy to use this data directory",
                        path: path
                    )
                }
                let aside = try StoreFiles.moveAside(path, dataDirectory: dataDirectory)
                issues.append(
                    StoreIssue(
                        severity: "warning",
                        message: "unreadable progress snapshot (\(reason)); moved to \(aside) and rebuilt from the learner's history",
                        path: path
                    )
                )
            }
        }
        let (events, historyIssues) = try History.read(historyPath, dataDirectory: dataDirectory)
        issues += historyIssues
        var progress = LearnerProgress()
        var seen: Set<UUID> = []
        for event in events where seen.insert(event.id).inserted { progress.apply(event) }
        let hasHistory = !events.isEmpty || access(historyPath, F_OK) == 0
        return (StoreFormats.Snapshot(learner: learner, journalGeneration: hasHistory ? generation : 0, progress: progress), issues)
    }

    static func write(_ snapshot: StoreFormats.Snapshot, to path: String) throws(StoreError) {
        let bytes: [UInt8]
        do {
            bytes = Array(try StoreFormats.prettyEncoder.encode(snapshot)) + [0x0A]
        } catch {
            throw StoreError(code: "D008", message: "cannot encode the snapshot: \(error)", path: path)
        }
        try StoreFiles.writeAtomically(bytes, to: path)
    }
}

/// A learner's full event history, `history/<learner>.jsonl`: a header line, then one event a line.
enum History {
    static func append(_ events: [ProgressEvent], learner: String, path: String) throws(StoreError) {
        var bytes: [UInt8] = []
        do {
            if access(path, F_OK) != 0 { bytes += try StoreFormats.line(StoreFormats.HistoryHeader(learner: learner)) }
            for event in events { bytes += try StoreFormats.line(event) }
        } catch {
            throw StoreError(code: "D008", message: "cannot encode events: \(error)", path: path)
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, StoreFiles.fileMode)
        guard descriptor >= 0 else { throw StoreFiles.error(errno, path, doing: "append to the history") }
        defer { close(descriptor) }
        try StoreFiles.appendDurably(descriptor, bytes, path: path)
        try StoreFiles.syncDirectory(of: path)
    }

    /// The events in the history (none when it does not exist). Unreadable lines are skipped and
    /// reported; a torn last line (a crash mid-append) is ignored.
    static func read(_ path: String, dataDirectory: String) throws(StoreError) -> ([ProgressEvent], [StoreIssue]) {
        let bytes: [UInt8]
        do {
            guard let read = try StoreFiles.read(path) else { return ([], []) }
            bytes = read
        } catch where error.code == "D001" {
            let aside = try StoreFiles.moveAside(path, dataDirectory: dataDirectory)
            return ([], [StoreIssue(severity: "warning", message: "a directory where the history belongs; moved to \(aside)", path: path)])
        }
        var events: [ProgressEvent] = []
        var bad = 0
        var lineStart = 0
        var isHeader = true
        for index in bytes.indices where bytes[index] == 0x0A {
            let line = bytes[lineStart..<index]
            lineStart = index + 1
            if isHeader {
                isHeader = false
                do {
                    _ = try StoreFormats.decode(StoreFormats.HistoryHeader.self, from: line, format: "academy-history")
                    continue
                } catch {
                    if case let .future(version) = error {
                        throw StoreError(
                            code: "D002",
                            message: "written by a newer academy (history format version \(version)); upgrade academy to use this data directory",
                            path: path
                        )
                    }
                    bad += 1
                    continue
                }
            }
            if let event = try? StoreFormats.decoder.decode(ProgressEvent.self, from: Data(line)) {
                events.append(event)
            } else {
                bad += 1
            }
        }
        let issues =
            bad > 0
            ? [StoreIssue(severity: "warning", message: "\(bad) unreadable line(s) in the history were skipped; the file is left as it is", path: path)]
            : []
        return (events, issues)
    }
}
