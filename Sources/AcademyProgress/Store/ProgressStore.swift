import Foundation

/// Where learners and their progress are kept. The JSON-file store implements it; a database-backed
/// store can stand beside it without changes to its callers.
///
/// Events given to ``record(_:for:)`` are already validated against the content (their module is
/// known). An event id is stored once: sending it again answers ``RecordOutcome/duplicate``.
public protocol ProgressStore: Sendable {
    /// Every learner, by id.
    func learners() async throws -> [Learner]
    /// The learner with this id.
    func learner(id: String) async throws -> Learner?
    /// The learner whose API token this is; tokens are compared by hash, in constant time.
    func learner(withToken token: String) async throws -> Learner?
    /// Adds a learner; fails when the id is taken.
    func add(_ learner: Learner) async throws
    /// Replaces a learner's account (name, team, role, tokens, password).
    func update(_ learner: Learner) async throws
    /// Removes a learner and their progress.
    func remove(learnerID: String) async throws

    /// Stores events durably before returning; one outcome per event, in order.
    func record(_ events: [ProgressEvent], for learnerID: String) async throws -> [RecordOutcome]
    /// A learner's progress.
    func progress(of learnerID: String) async throws -> LearnerProgress
    /// The progress of every learner in a team.
    func progress(ofTeam team: String) async throws -> [(learner: Learner, progress: LearnerProgress)]
    /// Every event a learner ever recorded, oldest first, for export.
    func history(of learnerID: String) async throws -> [ProgressEvent]
    /// Problems the store found and handled (corrupt files set aside, torn tails dropped).
    func issues() async -> [StoreIssue]
    /// Makes everything durable and releases files; the store is not used after.
    func close() async throws
}

/// What became of one recorded event.
public enum RecordOutcome: String, Sendable, Hashable, Codable {
    /// Stored now.
    case stored
    /// Stored before (same id): nothing changed.
    case duplicate
}
