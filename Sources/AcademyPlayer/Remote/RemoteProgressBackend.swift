public import AcademyProgress
import Foundation

/// Progress on a school's server, through its HTTP API, with a durable local queue in between.
///
/// - ``keep(_:)`` appends events to the queue (flushed to disk): nothing waits on the network.
/// - ``synchronize()`` sends the queue in order, in batches; events leave the queue only when the
///   server has answered for them. Refused ones go to the refused file. When the server is down,
///   everything stays queued for the next attempt; resending is safe, as the server ignores an
///   event id it already has.
/// - ``record(_:)`` does both, for commands that want the answer (`academy check`).
/// - ``progress()`` folds the server's events (`GET /api/v1/me/events`, or the last copy fetched
///   when the server is down) with the queued ones, so the screen is right offline too.
public actor RemoteProgressBackend: ProgressBackend {
    /// The server.
    public nonisolated let server: ServerAddress
    /// The queue.
    public nonisolated let queue: EventQueue
    private let sender: EventSender
    private let client: HTTPClient
    /// The last copy of the server's events, in the cache directory (`nil`: not kept).
    private let eventsCachePath: String?
    private var serverEvents: [ProgressEvent] = []
    private var serverEventIDs: Set<UUID> = []
    /// When a request last failed to reach the server (monotonic seconds); progress reads skip
    /// the network for a while after, so that a server that is down costs one timeout, not many.
    private var unreachableSince: Double?
    /// Not before this time (monotonic seconds), when the server asked to wait (429).
    private var notBefore: Double?
    private var lastProblem: SendProblem?
    private var drain: Task<SyncStatus, Never>?

    /// A backend for the learner of `client`'s token, whose events wait in `queue`.
    init(client: HTTPClient, queue: EventQueue, eventsCachePath: String?) {
        self.server = client.server
        self.client = client
        self.sender = EventSender(client: client)
        self.queue = queue
        self.eventsCachePath = eventsCachePath
        if let eventsCachePath, let bytes = try? DurableFile.read(eventsCachePath) {
            let events = bytes.split(separator: 0x0A).compactMap { try? ProgressJSON.decoder.decode(ProgressEvent.self, from: Data($0)) }
            serverEvents = events
            serverEventIDs = Set(events.map(\.id))
        }
    }

    /// The learner's progress: the server's events and the queued ones.
    public func progress() async throws -> LearnerProgress {
        await refreshServerEvents()
        let queued = try queue.contents().events
        var progress = LearnerProgress()
        var seen: Set<UUID> = []
        for event in serverEvents + queued where seen.insert(event.id).inserted { progress.apply(event) }
        return progress
    }

    /// Queues the events, then sends the queue; returns the ones the server refused.
    public func record(_ events: [ProgressEvent]) async throws -> [EventError] {
        _ = try await keep(events)
        let status = await synchronize()
        let ids = Set(events.map(\.id))
        return status.refused.filter { ids.contains($0.event.id) }.map(\.error)
    }

    /// Queues the events durably; sending is left to ``synchronize()``.
    public func keep(_ events: [ProgressEvent]) async throws -> [EventError] {
        try queue.append(events)
        return []
    }

    /// Sends what waits in the queue (after any sending already under way); the status after.
    public func synchronize() async -> SyncStatus {
        while let running = drain { _ = await running.value }
        let task = Task { await self.drainQueue() }
        drain = task
        return await task.value
    }

    /// Why the last request failed, in full (for the terminal at exit); `nil` when it did not.
    public var problemDetail: String? { lastProblem?.detail }

    private func drainQueue() async -> SyncStatus {
        defer { drain = nil }
        var status = SyncStatus(isRemote: true, refusedFile: queue.refusedPath, corruptFile: queue.corruptPath)
        do {
            if let notBefore, MonotonicClock.seconds() < notBefore {
                status.problem = lastProblem?.text
            } else {
                try await sendAll(into: &status)
            }
            status.waiting = try queue.contents().events.count
        } catch {
            lastProblem = SendProblem(text: "wachtrij niet te gebruiken", detail: "\(error)")
            status.problem = lastProblem?.text
        }
        return status
    }

    private func sendAll(into status: inout SyncStatus) async throws {
        while true {
            let contents = try queue.contents()
            status.setAside += contents.setAside
            guard !contents.events.isEmpty else { break }
            let outcome = await sender.send(contents.events)
            remember(outcome.acknowledged)
            try queue.refuse(outcome.refused)
            try queue.remove(Set(outcome.acknowledged.map(\.id)))
            status.refused += outcome.refused
            if let problem = outcome.problem {
                lastProblem = problem
                status.problem = problem.text
                if problem.isUnreachable { unreachableSince = MonotonicClock.seconds() }
                if let wait = problem.retryAfter { notBefore = MonotonicClock.seconds() + min(wait, 300) }
                return
            }
            unreachableSince = nil
            lastProblem = nil
            if outcome.acknowledged.isEmpty, outcome.refused.isEmpty { break }
        }
    }

    /// Adds events the server acknowledged to the copy of its events (and to the cached copy).
    private func remember(_ events: [ProgressEvent]) {
        let new = events.filter { serverEventIDs.insert($0.id).inserted }
        guard !new.isEmpty else { return }
        serverEvents += new
        guard let eventsCachePath else { return }
        let bytes = new.compactMap { try? EventQueue.line($0) }.flatMap { $0 }
        try? DurableFile.append(bytes, to: eventsCachePath)
    }

    /// Reads the server's events again, unless it was unreachable a moment ago.
    private func refreshServerEvents() async {
        if let unreachableSince, MonotonicClock.seconds() - unreachableSince < 5 { return }
        let answer: HTTPAnswer
        do {
            answer = try await client.get("/api/v1/me/events")
        } catch {
            unreachableSince = MonotonicClock.seconds()
            lastProblem = .unreachable(server, error)
            return
        }
        guard answer.status == 200, let events = try? ProgressJSON.decoder.decode([ProgressEvent].self, from: answer.body) else { return }
        unreachableSince = nil
        serverEvents = events
        serverEventIDs = Set(events.map(\.id))
        guard let eventsCachePath else { return }
        try? DurableFile.replace(eventsCachePath, with: events.compactMap { try? EventQueue.line($0) }.flatMap { $0 }, isDurable: false)
    }
}
