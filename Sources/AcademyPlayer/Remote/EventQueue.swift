public import AcademyProgress
public import Foundation

/// The durable local queue of events that still have to reach a server: one JSON Lines file per
/// server and learner, `queue-<hash>.jsonl` in the state directory, a header line first, then one
/// event per line exactly as `POST /api/v1/me/events` takes it.
///
/// Every change holds an exclusive lock on `queue-<hash>.lock`, so two players on one queue never
/// lose each other's events. Appends are flushed to disk before they return. Events leave only
/// when the server has answered for them ("stored" or "duplicate"), or when it refused them: they
/// then go to `queue-<hash>.refused` with the reason. Lines that cannot be read are moved to
/// `queue-<hash>.corrupt`, never dropped.
public struct EventQueue: Sendable {
    /// The queue file.
    public let path: String
    /// The server the events are for.
    public let server: String
    /// The learner the events are of.
    public let learnerID: String

    /// The file names' stem, `…/queue-<hash>`.
    private var stem: String { path.hasSuffix(".jsonl") ? String(path.dropLast(6)) : path }
    /// The lock file.
    public var lockPath: String { stem + ".lock" }
    /// Where refused events go, each with its reason.
    public var refusedPath: String { stem + ".refused" }
    /// Where lines that could not be read go.
    public var corruptPath: String { stem + ".corrupt" }

    /// What the queue holds.
    public struct Contents: Sendable {
        /// The waiting events, oldest first.
        public var events: [ProgressEvent]
        /// How many unreadable lines were just moved to ``EventQueue/corruptPath``.
        public var setAside: Int
    }

    /// A queue in a file.
    public init(path: String, server: String, learnerID: String) {
        self.path = path
        self.server = server
        self.learnerID = learnerID
    }

    /// The queue of a server and learner in the state directory: `queue-<first 16 hex digits of
    /// SHA-256(server + "\n" + learner)>.jsonl`. Creates the directory.
    public static func standard(server: ServerAddress, learnerID: String, environment: [String: String]) throws(RemoteError) -> EventQueue {
        let directory = try UserDirectories.state(environment)
        do {
            try DurableFile.makeDirectory(directory)
        } catch {
            throw RemoteError(code: "queue", message: "\(error): the event queue must be kept there; make it writable or set XDG_STATE_HOME")
        }
        let name = "queue-\(ServerAddress.shortHash(server.normalized + "\n" + learnerID)).jsonl"
        return EventQueue(path: "\(directory)/\(name)", server: server.normalized, learnerID: learnerID)
    }

    /// Appends events, durably.
    public func append(_ events: [ProgressEvent]) throws(RemoteError) {
        guard !events.isEmpty else { return }
        var bytes: [UInt8] = []
        for event in events { bytes += try Self.line(event) }
        try locked("append to") { try DurableFile.append(bytes, to: path, header: header) }
    }

    /// The waiting events, oldest first. Unreadable lines are moved to ``corruptPath`` first.
    public func contents() throws(RemoteError) -> Contents {
        try locked("read") {
            let parsed = try read()
            guard !parsed.bad.isEmpty else { return Contents(events: parsed.events.map(\.event), setAside: 0) }
            try DurableFile.append(parsed.bad.flatMap { $0 + [0x0A] }, to: corruptPath)
            try rewrite(parsed.events.map(\.line))
            return Contents(events: parsed.events.map(\.event), setAside: parsed.bad.count)
        }
    }

    /// Removes the events with these ids (the server has them).
    public func remove(_ ids: Set<UUID>) throws(RemoteError) {
        guard !ids.isEmpty else { return }
        try locked("update") {
            let parsed = try read()
            // Lines that cannot be read stay for `contents()` to set aside.
            let kept = parsed.events.filter { !ids.contains($0.event.id) }.map(\.line) + parsed.bad
            try rewrite(kept)
        }
    }

    /// Moves refused events, with their reasons, to ``refusedPath`` and out of the queue. They are
    /// written there before they leave, so a crash between the two keeps them twice, never zero times.
    public func refuse(_ refused: [RefusedEvent]) throws(RemoteError) {
        guard !refused.isEmpty else { return }
        var bytes: [UInt8] = []
        for item in refused {
            let record = RefusedRecord(event: item.event, code: item.error.code, message: item.error.message, refusedAt: Date())
            guard let data = try? ProgressJSON.encoder.encode(record) else { continue }
            bytes += Array(data) + [0x0A]
        }
        try locked("write refused events to") { try DurableFile.append(bytes, to: refusedPath) }
        try remove(Set(refused.map(\.event.id)))
    }

    /// The refused events kept so far.
    public func refusedRecords() -> [RefusedRecord] {
        guard let bytes = try? DurableFile.read(refusedPath) else { return [] }
        return bytes.split(separator: 0x0A).compactMap { try? ProgressJSON.decoder.decode(RefusedRecord.self, from: Data($0)) }
    }

    // MARK: - Lines

    private var header: [UInt8] {
        let object: [String: Any] = ["format": Self.format, "version": Self.version, "server": server, "learner": learnerID]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return Array(data) + [0x0A]
    }

    static let format = "academy-event-queue"
    static let version = 1

    static func line(_ event: ProgressEvent) throws(RemoteError) -> [UInt8] {
        do {
            return Array(try ProgressJSON.encoder.encode(event)) + [0x0A]
        } catch {
            throw RemoteError(code: "queue", message: "cannot encode event \(event.id): \(error)")
        }
    }

    /// The file's events with their lines, and the lines that are neither the header nor an event.
    private func read() throws -> (events: [(event: ProgressEvent, line: [UInt8])], bad: [[UInt8]]) {
        guard let bytes = try DurableFile.read(path) else { return ([], []) }
        var events: [(event: ProgressEvent, line: [UInt8])] = []
        var bad: [[UInt8]] = []
        var seen: Set<UUID> = []
        for (index, slice) in bytes.split(separator: 0x0A, omittingEmptySubsequences: true).enumerated() {
            let line = Array(slice)
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            if index == 0, let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any], object["format"] != nil {
                guard object["format"] as? String == Self.format, (object["version"] as? Int ?? 0) <= Self.version else {
                    throw RemoteError(
                        code: "queue",
                        message: "\(path) is not an event queue of this version of academy (\(String(decoding: line, as: UTF8.self))): "
                            + "use a newer academy, or move the file away"
                    )
                }
                continue
            }
            if let event = try? ProgressJSON.decoder.decode(ProgressEvent.self, from: Data(line)) {
                // A line appended twice (a crash between two steps) is one event.
                if seen.insert(event.id).inserted { events.append((event, line)) }
            } else {
                bad.append(line)
            }
        }
        return (events, bad)
    }

    /// Writes the queue anew with these lines (no file at all when there are none).
    private func rewrite(_ lines: [[UInt8]]) throws {
        if lines.isEmpty {
            try DurableFile.remove(path)
        } else {
            try DurableFile.replace(path, with: header + lines.flatMap { $0 + [0x0A] })
        }
    }

    private func locked<T>(_ operation: String, _ body: () throws -> T) throws(RemoteError) -> T {
        do {
            return try DurableFile.withLock(lockPath, body)
        } catch let error as RemoteError {
            throw error
        } catch {
            throw RemoteError(
                code: "queue",
                message: "cannot \(operation) the event queue (\(error)): free disk space or fix the permissions of \(path)"
            )
        }
    }
}
