import AcademyProgress

/// How sending progress to a server stands: how many events wait in the local queue, why the
/// last attempt failed, and which events the server refused in it. A local backend has nothing
/// to send: its status is ``SyncStatus/init()``.
public struct SyncStatus: Sendable, Hashable {
    /// Whether progress goes to a server (otherwise nothing ever waits).
    public var isRemote: Bool
    /// The events still waiting in the queue.
    public var waiting: Int
    /// Why the last attempt did not send everything, in Dutch for the screen ("server onbereikbaar"); `nil` when it did.
    public var problem: String?
    /// The events the server refused in this attempt; they were moved to ``refusedFile``.
    public var refused: [RefusedEvent]
    /// Where refused events are kept.
    public var refusedFile: String?
    /// Lines of the queue that could not be read and were set aside in this attempt, and where.
    public var setAside: Int
    /// Where unreadable lines are kept.
    public var corruptFile: String?

    /// A status with nothing waiting.
    public init(
        isRemote: Bool = false,
        waiting: Int = 0,
        problem: String? = nil,
        refused: [RefusedEvent] = [],
        refusedFile: String? = nil,
        setAside: Int = 0,
        corruptFile: String? = nil
    ) {
        self.isRemote = isRemote
        self.waiting = waiting
        self.problem = problem
        self.refused = refused
        self.refusedFile = refusedFile
        self.setAside = setAside
        self.corruptFile = corruptFile
    }

    /// "1 wacht op de server" / "3 wachten op de server"; empty when nothing waits.
    public var waitingText: String {
        guard waiting > 0 else { return "" }
        return "\(waiting) \(waiting == 1 ? "wacht" : "wachten") op de server"
    }
}
