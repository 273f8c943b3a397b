public import AcademyContent
public import Foundation

/// How far a learner is in one video.
public struct VideoCompletion: Sendable, Hashable, Codable {
    /// The video.
    public var videoID: String
    /// Its length in seconds.
    public var duration: Double
    /// The seconds played, overlaps counted once.
    public var watchedSeconds: Double
    /// `watchedSeconds` as a share of the duration.
    public var fraction: Double
    /// Whether the played share reaches the module's threshold.
    public var isComplete: Bool
    /// Where to resume, in seconds.
    public var position: Double
}

/// How far a learner is in one step plan.
public struct StepPlanCompletion: Sendable, Hashable, Codable {
    /// The step plan.
    public var stepPlanID: String
    /// The ids of its checked steps.
    public var checkedSteps: [String]
    /// How many of its steps are required.
    public var requiredSteps: Int
    /// Whether every required step is checked.
    public var isComplete: Bool
}

/// How far a learner is in one module.
public struct ModuleCompletion: Sendable, Hashable, Codable {
    /// The module.
    public var moduleID: String
    /// Each video, in order.
    public var videos: [VideoCompletion]
    /// Each step plan, in order.
    public var stepPlans: [StepPlanCompletion]
    /// Videos complete.
    public var videosComplete: Int
    /// Videos the rule requires.
    public var videosRequired: Int
    /// Required steps checked.
    public var stepsChecked: Int
    /// Steps the rule requires.
    public var stepsRequired: Int
    /// Progress from 0 to 1, for a progress bar (1 only when complete).
    public var fraction: Double
    /// Whether the learner did anything in it.
    public var isStarted: Bool
    /// Whether the module's completion rule holds.
    public var isComplete: Bool
}

/// How far a learner is in a track.
public struct TrackCompletion: Sendable, Hashable, Codable {
    /// The track.
    public var trackID: String
    /// Its modules, in order.
    public var modules: [ModuleCompletion]
    /// How many are complete.
    public var modulesComplete: Int
    /// Whether all are.
    public var isComplete: Bool
}

/// The next thing to do.
public struct NextItem: Sendable, Hashable, Codable {
    /// What kind of thing it is.
    public enum Kind: String, Sendable, Hashable, Codable {
        case video
        case step
        case module
    }

    /// Video, step or module.
    public var kind: Kind
    /// Its id.
    public var id: String
    /// Its module.
    public var moduleID: String
    /// For a video: where to start, in seconds.
    public var resumeAt: Double?

    /// Creates an item.
    public init(kind: Kind, id: String, moduleID: String, resumeAt: Double?) {
        self.kind = kind
        self.id = id
        self.moduleID = moduleID
        self.resumeAt = resumeAt
    }
}

/// A module's status for one learner.
public enum ModuleStatus: String, Sendable, Hashable, Codable {
    case notStarted = "not-started"
    case started
    case complete
}

/// A team's progress, for its coach and school leader.
public struct TeamProgress: Sendable, Hashable, Codable {
    /// Per module: how many learners started it and completed it.
    public struct ModuleSummary: Sendable, Hashable, Codable {
        /// The module.
        public var moduleID: String
        /// How many learners started it.
        public var started: Int
        /// How many completed it.
        public var completed: Int

        /// Creates a summary.
        public init(moduleID: String, started: Int, completed: Int) {
            self.moduleID = moduleID
            self.started = started
            self.completed = completed
        }
    }

    /// Per learner: the status of each module.
    public struct LearnerSummary: Sendable, Hashable, Codable {
        /// The learner.
        public var learnerID: String
        /// Their name.
        public var displayName: String
        /// Their role.
        public var role: Role
        /// Each module's status, by module id.
        public var modules: [String: ModuleStatus]
        /// How many modules they completed.
        public var modulesComplete: Int
        /// When they last did something.
        public var lastActive: Date?
    }

    /// The team.
    public var team: String
    /// How many learners are in it.
    public var learnerCount: Int
    /// Per module, in catalog order.
    public var modules: [ModuleSummary]
    /// Per learner, by id.
    public var learners: [LearnerSummary]
}
