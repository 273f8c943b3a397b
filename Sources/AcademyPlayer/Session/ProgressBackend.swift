public import AcademyProgress

/// Where the player keeps progress: the local data directory now; a school's server (over its HTTP
/// API, with an offline queue) can stand behind the same protocol later.
public protocol ProgressBackend: Sendable {
    /// The learner's progress as stored now.
    func progress() async throws -> LearnerProgress
    /// Stores events durably (an event id already stored changes nothing); returns the ones the
    /// content rules refused. Throws when nothing could be stored.
    func record(_ events: [ProgressEvent]) async throws -> [EventError]
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
