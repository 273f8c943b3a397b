public import AcademyContent
public import Foundation

/// Progress as every client needs it: events checked against the content, then stored; and
/// completion computed by the one shared function. The server, the terminal player and the CLI all
/// go through it.
///
/// For example:
///
/// ```swift
/// let service = ProgressService(library: library, store: store)
/// let outcomes = try await service.record([event], for: "anna")
/// let completion = try await service.moduleCompletion("bordsessie-opbouw", for: "anna")
/// ```
public struct ProgressService: Sendable {
    /// The content events are checked against.
    public let library: ContentLibrary
    /// Where progress is kept.
    public let store: any ProgressStore

    /// The learner used when nobody has an account: a teacher trying the academy alone.
    public static let localLearnerID = "local"

    /// Creates a service.
    public init(library: ContentLibrary, store: any ProgressStore) {
        self.library = library
        self.store = store
    }

    /// The outcome of one event: stored, duplicate, or refused with the reason.
    public enum Outcome: Sendable, Hashable {
        case stored
        case duplicate
        case refused(EventError)
    }

    /// Validates and stores events; refused events are not stored, the others are stored durably
    /// (together) before this returns. One outcome per event, in order.
    public func record(_ events: [ProgressEvent], for learnerID: String) async throws -> [Outcome] {
        let validator = EventValidator(library: library)
        var outcomes = [Outcome?](repeating: nil, count: events.count)
        var accepted: [(Int, ProgressEvent)] = []
        for (index, event) in events.enumerated() {
            switch validator.validate(event) {
            case let .success(valid): accepted.append((index, valid))
            case let .failure(error): outcomes[index] = .refused(error)
            }
        }
        if !accepted.isEmpty {
            let stored = try await store.record(accepted.map(\.1), for: learnerID)
            for ((index, _), outcome) in zip(accepted, stored) {
                outcomes[index] = outcome == .stored ? .stored : .duplicate
            }
        }
        return outcomes.map { $0 ?? .duplicate }
    }

    /// A learner's progress.
    public func progress(of learnerID: String) async throws -> LearnerProgress {
        try await store.progress(of: learnerID)
    }

    /// A learner's completion of one module.
    public func moduleCompletion(_ moduleID: String, for learnerID: String) async throws -> ModuleCompletion? {
        guard let module = library.module(id: moduleID) else { return nil }
        return Completion.module(module, progress: try await store.progress(of: learnerID))
    }

    /// The learner's track: the one for their role.
    public func track(for learner: Learner) -> Track? {
        Completion.track(for: learner.role, in: library)
    }

    /// The one next thing for a learner to do, in their track.
    public func next(for learner: Learner) async throws -> NextItem? {
        Completion.next(in: track(for: learner), library: library, progress: try await store.progress(of: learner.id))
    }

    /// A team's progress by the shared completion rules.
    public func team(_ name: String) async throws -> TeamProgress {
        Completion.team(name, learners: try await store.progress(ofTeam: name), library: library)
    }

    /// The learner to use when none is named: the only account if there is exactly one, else the
    /// local learner, made on first use when there are no accounts at all.
    public func defaultLearner() async throws -> Learner {
        let learners = try await store.learners()
        if learners.count == 1 { return learners[0] }
        if let local = learners.first(where: { $0.id == Self.localLearnerID }) { return local }
        guard learners.isEmpty else {
            throw StoreError(
                code: "D005",
                message: "this data directory has \(learners.count) learners: name one with --learner (\(learners.prefix(5).map(\.id).joined(separator: ", ")))"
            )
        }
        let local = Learner(id: Self.localLearnerID, displayName: "Lokale leraar", team: "lokaal", role: .leraar)
        do {
            try await store.add(local)
        } catch let error as StoreError where error.code == "D006" {
            // Another process made it at the same moment.
        }
        return local
    }
}

/// The JSON coders of events and progress: ISO 8601 times with milliseconds, sorted keys.
public enum ProgressJSON {
    /// Encodes compactly.
    public static var encoder: JSONEncoder { StoreFormats.encoder }
    /// Encodes for people: indented.
    public static var prettyEncoder: JSONEncoder { StoreFormats.prettyEncoder }
    /// Decodes, accepting times with or without fractional seconds.
    public static var decoder: JSONDecoder { StoreFormats.decoder }
    /// Why decoding failed, for a person: which field, and what was wrong.
    public static func describe(_ error: any Error) -> String { StoreFormats.describe(error) }
}
