import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The progress store in plain JSON files under a data directory:
///
/// ```
/// learners.json              the accounts (token and password hashes only)
/// journal.jsonl              every learner's recent events, appended and flushed before acknowledging
/// progress/<learner>.json    each learner's progress as of the last compaction
/// history/<learner>.jsonl    every event each learner ever recorded
/// corrupt/                   files that could not be read, set aside (never overwritten)
/// lock                       the lock that a server and a terminal player share
/// ```
///
/// Writers on all tasks share one flush ("group commit"): events arriving while the disk is busy
/// go out together in the next write, so many writers cost few flushes. An event is on disk before
/// ``record(_:for:)`` returns, a crash at any moment loses nothing acknowledged, and a torn last line
/// is dropped. Another process on the same directory is seen at every read and write.
public actor JSONFileProgressStore: ProgressStore {
    /// The data directory.
    public nonisolated let directory: String
    private let journal: Journal
    private let lock: FileLock
    private let io = DispatchQueue(label: "academy.progress-store.io")
    private let progressDirectory: String
    private let historyDirectory: String
    private let learnersPath: String

    private var accounts: [String: Learner] = [:]
    private var accountsStamp: FileStamp?
    /// Learners whose progress is in memory: their snapshot plus this journal generation's events.
    private var cached: [String: LearnerProgress] = [:]
    /// This journal generation's events, per learner.
    private var journalEvents: [String: [ProgressEvent]] = [:]
    /// Every event id known per learner (history and journal), loaded on a learner's first write.
    private var knownIDs: [String: Set<UUID>] = [:]
    private var generation = 0
    private var pending: [Pending] = []
    private var isFlushing = false
    private var foundIssues: [StoreIssue] = []
    private let onIssue: @Sendable (StoreIssue) -> Void

    private struct Pending {
        var learner: String
        var event: ProgressEvent
        var line: [UInt8]
        var continuation: CheckedContinuation<RecordOutcome, any Error>
    }

    /// Opens (creating on first use, with private permissions) the store in `directory`.
    ///
    /// `onIssue` hears about every corrupt file set aside and every torn tail dropped.
    public init(
        directory: String,
        compactionThreshold: Int = 4 << 20,
        onIssue: @escaping @Sendable (StoreIssue) -> Void = { _ in }
    ) async throws {
        self.directory = directory
        self.onIssue = onIssue
        progressDirectory = directory + "/progress"
        historyDirectory = directory + "/history"
        learnersPath = directory + "/learners.json"
        let writable = Self.prepare(directory: directory)
        lock = try FileLock(path: directory + "/lock")
        journal = Journal(directory: directory, lock: lock, compactionThreshold: compactionThreshold)
        if let problem = writable { throw problem }
        try await catchUp()
        try loadAccountsIfChanged()
    }

    /// Creates the directories; returns the error when the directory cannot be made at all.
    private static func prepare(directory: String) -> StoreError? {
        do {
            try StoreFiles.makeDirectory(directory)
            try StoreFiles.makeDirectory(directory + "/progress")
            try StoreFiles.makeDirectory(directory + "/history")
            return nil
        } catch {
            // A read-only directory that already holds a store can still be read.
            return access(directory + "/journal.jsonl", R_OK) == 0 ? nil : error
        }
    }

    // MARK: - Accounts

    public func learners() async throws -> [Learner] {
        try loadAccountsIfChanged()
        return accounts.values.sorted { $0.id < $1.id }
    }

    public func learner(id: String) async throws -> Learner? {
        try loadAccountsIfChanged()
        return accounts[id]
    }

    public func learner(withToken token: String) async throws -> Learner? {
        try loadAccountsIfChanged()
        let hash = AccessToken.hash(token)
        var found: Learner?
        // Every stored hash is compared in full, so the time taken says nothing about the token.
        for learner in accounts.values {
            for record in learner.tokens where AccessToken.constantTimeEqual(record.hash, hash) {
                found = learner
            }
        }
        return found
    }

    public func add(_ learner: Learner) async throws {
        try check(learner)
        try await withAccountsLocked { accounts in
            guard accounts[learner.id] == nil else {
                throw StoreError(code: "D006", message: "learner '\(learner.id)' already exists: pick another id, or change them with 'academy learners …'")
            }
            accounts[learner.id] = learner
        }
    }

    public func update(_ learner: Learner) async throws {
        try check(learner)
        try await withAccountsLocked { accounts in
            guard accounts[learner.id] != nil else { throw StoreError.unknownLearner(learner.id) }
            accounts[learner.id] = learner
        }
    }

    public func remove(learnerID: String) async throws {
        try await withAccountsLocked { accounts in
            guard accounts.removeValue(forKey: learnerID) != nil else { throw StoreError.unknownLearner(learnerID) }
        }
        // Their progress goes to corrupt/ rather than being deleted: removing an account by mistake
        // must not destroy a year of work.
        for path in ["\(progressDirectory)/\(learnerID).json", "\(historyDirectory)/\(learnerID).jsonl"] where access(path, F_OK) == 0 {
            _ = try StoreFiles.moveAside(path, dataDirectory: directory)
        }
        cached[learnerID] = nil
        knownIDs[learnerID] = nil
    }

    private func check(_ learner: Learner) throws {
        guard Learner.isValidID(learner.id) else {
            throw StoreError(code: "D007", message: "'\(learner.id)' is not a valid learner id: use 1 to 64 of a-z, 0-9, '.', '_' and '-'")
        }
        guard !learner.displayName.trimmingCharacters(in: .whitespaces).isEmpty, !learner.team.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StoreError(code: "D007", message: "a learner needs a name and a team")
        }
    }

    /// Changes the accounts under the lock, starting from what is on disk, so two processes adding
    /// learners at once both succeed.
    private func withAccountsLocked(_ change: @escaping @Sendable (inout [String: Learner]) throws -> Void) async throws {
        let path = learnersPath
        let directory = directory
        let updated: [String: Learner] = try await onIO { [lock] in
            try lock.withLock { () throws(StoreError) in
                var accounts = try Self.readAccounts(path, dataDirectory: directory).accounts
                do {
                    try change(&accounts)
                } catch let error as StoreError {
                    throw error
                } catch {
                    throw StoreError(code: "D008", message: "\(error)")
                }
                let file = StoreFormats.LearnersFile(learners: accounts.values.sorted { $0.id < $1.id })
                let bytes: [UInt8]
                do {
                    bytes = Array(try StoreFormats.prettyEncoder.encode(file)) + [0x0A]
                } catch {
                    throw StoreError(code: "D008", message: "cannot encode the learners: \(error)", path: path)
                }
                try StoreFiles.writeAtomically(bytes, to: path)
                return accounts
            }
        }
        accounts = updated
        accountsStamp = FileStamp(path)
    }

    private func loadAccountsIfChanged() throws {
        let stamp = FileStamp(learnersPath)
        guard stamp != accountsStamp || stamp == nil else { return }
        let (loaded, issue) = try Self.readAccounts(learnersPath, dataDirectory: directory)
        if let issue { report(issue) }
        accounts = loaded
        accountsStamp = FileStamp(learnersPath)
    }

    /// The accounts on disk; an unreadable `learners.json` is set aside and reported.
    private static func readAccounts(_ path: String, dataDirectory: String) throws(StoreError) -> (accounts: [String: Learner], issue: StoreIssue?) {
        var bytes: [UInt8]?
        do {
            bytes = try StoreFiles.read(path)
        } catch where error.code == "D001" {
            bytes = []
        }
        guard let bytes else { return ([:], nil) }
        do {
            let file = try StoreFormats.decode(StoreFormats.LearnersFile.self, from: bytes, format: "academy-learners")
            return (Dictionary(file.learners.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }), nil)
        } catch {
            guard case let .corrupt(reason) = error else {
                guard case let .future(version) = error else { fatalError("unreachable") }
                throw StoreError(
                    code: "D002",
                    message: "written by a newer academy (learners format version \(version)); upgrade academy to use this data directory",
                    path: path
                )
            }
            let aside = try StoreFiles.moveAside(path, dataDirectory: dataDirectory)
            let issue = StoreIssue(
                severity: "warning",
                message: "unreadable accounts file (\(reason)); moved to \(aside): restore it from there, or add the learners again",
                path: path
            )
            return ([:], issue)
        }
    }

    // MARK: - Progress

    public func record(_ events: [ProgressEvent], for learnerID: String) async throws -> [RecordOutcome] {
        try loadAccountsIfChanged()
        guard accounts[learnerID] != nil else { throw StoreError.unknownLearner(learnerID) }
        try await loadKnownIDs(of: learnerID)
        var outcomes = [RecordOutcome?](repeating: nil, count: events.count)
        var waits: [(Int, Task<RecordOutcome, any Error>)] = []
        var inThisCall: Set<UUID> = []
        for (index, event) in events.enumerated() {
            if knownIDs[learnerID]?.contains(event.id) == true || !inThisCall.insert(event.id).inserted {
                outcomes[index] = .duplicate
                continue
            }
            let line: [UInt8]
            do {
                line = try StoreFormats.line(StoreFormats.JournalEntry(learner: learnerID, event: event))
            } catch {
                throw StoreError(code: "D008", message: "cannot encode event \(event.id): \(error)")
            }
            waits.append((index, Task { try await self.enqueue(learnerID, event, line) }))
        }
        for (index, wait) in waits { outcomes[index] = try await wait.value }
        return outcomes.map { $0 ?? .duplicate }
    }

    private func enqueue(_ learner: String, _ event: ProgressEvent, _ line: [UInt8]) async throws -> RecordOutcome {
        // An id already waiting in a batch is answered once that batch is on disk.
        if let waiting = pending.first(where: { $0.event.id == event.id && $0.learner == learner }) {
            _ = waiting
            try await flushSoon()
            return .duplicate
        }
        return try await withCheckedThrowingContinuation { continuation in
            pending.append(Pending(learner: learner, event: event, line: line, continuation: continuation))
            if !isFlushing {
                isFlushing = true
                Task { await self.flushLoop() }
            }
        }
    }

    private func flushSoon() async throws {
        while isFlushing { await Task.yield() }
    }

    /// Writes the waiting events in batches, one flush per batch, until none are waiting.
    private func flushLoop() async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            let items = batch.map { Journal.Batch(learner: $0.learner, event: $0.event, line: $0.line) }
            do {
                let (caughtUp, duplicates) = try await onIO { [journal] in try journal.append(items) }
                absorb(caughtUp)
                for item in batch {
                    if duplicates.contains(item.event.id) {
                        item.continuation.resume(returning: .duplicate)
                    } else {
                        apply(item.event, to: item.learner)
                        item.continuation.resume(returning: .stored)
                    }
                }
            } catch {
                for item in batch { item.continuation.resume(throwing: error) }
            }
        }
        isFlushing = false
        let size = try? await onIO { [journal] in journal.size }
        if let size, size > journal.compactionThreshold {
            do {
                try await compact()
            } catch {
                report(StoreIssue(severity: "warning", message: "compaction failed, will retry: \(error)", path: directory))
            }
        }
    }

    public func progress(of learnerID: String) async throws -> LearnerProgress {
        try await catchUp()
        try loadAccountsIfChanged()
        guard accounts[learnerID] != nil else { throw StoreError.unknownLearner(learnerID) }
        return try loadProgress(of: learnerID)
    }

    public func progress(ofTeam team: String) async throws -> [(learner: Learner, progress: LearnerProgress)] {
        try await catchUp()
        try loadAccountsIfChanged()
        let members = accounts.values.filter { $0.team == team }.sorted { $0.id < $1.id }
        try await loadSnapshots(of: members.map(\.id).filter { cached[$0] == nil })
        return try members.map { ($0, try loadProgress(of: $0.id)) }
    }

    public func history(of learnerID: String) async throws -> [ProgressEvent] {
        try await catchUp()
        let (events, issues) = try History.read("\(historyDirectory)/\(learnerID).jsonl", dataDirectory: directory)
        for issue in issues { report(issue) }
        var seen: Set<UUID> = []
        return (events + (journalEvents[learnerID] ?? [])).filter { seen.insert($0.id).inserted }
    }

    public func issues() async -> [StoreIssue] { foundIssues }

    public func close() async throws {
        while isFlushing || !pending.isEmpty { await Task.yield() }
    }

    /// Folds the journal into snapshots and histories now (it also happens by itself as the journal grows).
    public func compact() async throws {
        let progressDirectory = progressDirectory
        let historyDirectory = historyDirectory
        let issues = try await onIO { [journal] in try journal.compact(progressDirectory: progressDirectory, historyDirectory: historyDirectory) }
        for issue in issues { report(issue) }
        try await catchUp()
    }

    // MARK: - Internals

    private func loadProgress(of learnerID: String) throws -> LearnerProgress {
        if let progress = cached[learnerID] { return progress }
        let (snapshot, issues) = try Self.readSnapshot(of: learnerID, in: directory, generation: generation)
        return cache(snapshot, issues: issues)
    }

    /// Reads many learners' snapshots at once, on all cores: a coach's team view of a thousand
    /// learners is mostly JSON decoding.
    private func loadSnapshots(of learnerIDs: [String]) async throws {
        guard learnerIDs.count > 1 else { return }
        let directory = directory
        let generation = generation
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, learnerIDs.count))
        let loaded = try await withThrowingTaskGroup(of: [(StoreFormats.Snapshot, [StoreIssue])].self) { group in
            for worker in 0..<workers {
                let share = Array(learnerIDs[worker...].enumerated().filter { $0.offset % workers == 0 }.map(\.element))
                group.addTask {
                    try share.map { try Self.readSnapshot(of: $0, in: directory, generation: generation) }
                }
            }
            var all: [(StoreFormats.Snapshot, [StoreIssue])] = []
            for try await part in group { all += part }
            return all
        }
        // The journal may have moved on while the snapshots were read: only keep them if not.
        guard generation == self.generation else { return }
        for (snapshot, issues) in loaded where cached[snapshot.learner] == nil {
            _ = cache(snapshot, issues: issues)
        }
    }

    private nonisolated static func readSnapshot(
        of learnerID: String,
        in directory: String,
        generation: Int
    ) throws -> (StoreFormats.Snapshot, [StoreIssue]) {
        var (snapshot, issues) = try SnapshotFile.load(
            "\(directory)/progress/\(learnerID).json",
            learner: learnerID,
            dataDirectory: directory,
            historyPath: "\(directory)/history/\(learnerID).jsonl",
            generation: generation
        )
        snapshot.learner = learnerID
        return (snapshot, issues)
    }

    /// Adds this generation's journal events to a snapshot and keeps the result.
    private func cache(_ snapshot: StoreFormats.Snapshot, issues: [StoreIssue]) -> LearnerProgress {
        for issue in issues { report(issue) }
        var progress = snapshot.progress
        if snapshot.journalGeneration <= generation {
            for event in journalEvents[snapshot.learner] ?? [] { progress.apply(event) }
        }
        cached[snapshot.learner] = progress
        return progress
    }

    private func loadKnownIDs(of learnerID: String) async throws {
        guard knownIDs[learnerID] == nil else { return }
        try await catchUp()
        let (events, issues) = try History.read("\(historyDirectory)/\(learnerID).jsonl", dataDirectory: directory)
        for issue in issues { report(issue) }
        var ids = Set(events.map(\.id))
        for event in journalEvents[learnerID] ?? [] { ids.insert(event.id) }
        knownIDs[learnerID] = ids
    }

    private func catchUp() async throws {
        let caughtUp = try await onIO { [journal] in try journal.catchUp() }
        absorb(caughtUp)
    }

    /// Takes in what the journal read: other processes' events, or a whole new generation.
    private func absorb(_ caughtUp: Journal.CatchUp) {
        for issue in caughtUp.issues { report(issue) }
        if caughtUp.wasReplaced {
            cached = [:]
            journalEvents = [:]
            knownIDs = [:]
            generation = caughtUp.generation
        }
        for entry in caughtUp.entries { apply(entry.event, to: entry.learner) }
    }

    private func apply(_ event: ProgressEvent, to learner: String) {
        journalEvents[learner, default: []].append(event)
        knownIDs[learner]?.insert(event.id)
        cached[learner]?.apply(event)
    }

    private func report(_ issue: StoreIssue) {
        foundIssues.append(issue)
        onIssue(issue)
    }

    /// Runs blocking file work on the store's own thread, keeping the actor free for new events.
    private func onIO<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            io.async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}

/// A file's identity and change time, to notice another process replacing it.
struct FileStamp: Equatable {
    var inode: UInt64
    var size: Int64
    var modified: Int

    init?(_ path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        inode = UInt64(status.st_ino)
        size = Int64(status.st_size)
        modified = status.st_mtim.tv_sec * 1_000_000_000 + status.st_mtim.tv_nsec
    }
}
