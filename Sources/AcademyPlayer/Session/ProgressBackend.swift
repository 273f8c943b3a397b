public import AcademyProgress

/// Where the player keeps progress: the local data directory (``LocalProgressBackend``), or a
/// school's server over its HTTP API with a local queue in between (``RemoteProgressBackend``).
public protocol ProgressBackend: Sendable {
    /// The learner's progress as stored now.
    func progress() async throws -> LearnerProgress
    /// Stores events durably (an event id already stored changes nothing); returns the ones the
    /// content rules refused. Throws when nothing could be stored.
    func record(_ events: [ProgressEvent]) async throws -> [EventError]
    /// Stores events durably without waiting on a network; what still has to be sent goes with
    /// the next ``synchronize()``. Returns the ones refused at once.
    func keep(_ events: [ProgressEvent]) async throws -> [EventError]
    /// Sends what waits to be sent, if anything; returns how sending stands.
    func synchronize() async -> SyncStatus
}

extension ProgressBackend {
    /// Stores the events as ``record(_:)`` does: nothing is ever sent later.
    public func keep(_ events: [ProgressEvent]) async throws -> [EventError] {
        try await record(events)
    }

    /// Nothing to send: a status with nothing waiting.
    public func synchronize() async -> SyncStatus {
        SyncStatus()
    }
}

/// Progress in the local data directory, through ``ProgressService`` (validation, then the store,
/// which shares the directory safely with a server).
public struct LocalProgressBackend: ProgressBackend {
    /// The service.
    public let service: ProgressService
    /// The learner.
    public let learnerID: String

    /// Creates a backend for one learner.
    public init(service: ProgressService, learnerID: String) {
        self.service = service
        self.learnerID = learnerID
    }

    /// The learner's progress, from the store.
    public func progress() async throws -> LearnerProgress {
        try await service.progress(of: learnerID)
    }

    /// Validates and stores the events; returns the refused ones.
    public func record(_ events: [ProgressEvent]) async throws -> [EventError] {
        try await service.record(events, for: learnerID).compactMap { outcome in
            if case let .refused(error) = outcome { return error }
            return nil
        }
    }
}
