/// One module of the academy: metadata, videos, step plans and its completion rule.
public struct Module: Sendable, Hashable, Codable, Identifiable {
    /// The module's id, such as `bordsessie-opbouw`.
    public var id: String
    /// The module's number: its position in the catalog, from 1.
    public var number: Int
    /// The revision of the module's content.
    public var version: Int
    /// The module's language, such as `nl`.
    public var language: String
    /// The module's folder, relative to the content root, such as `05-bordsessie-opbouw`.
    public var folder: String
    /// The title.
    public var title: LocalizedText
    /// What the module teaches.
    public var summary: LocalizedText
    /// The ids of the instruments it teaches.
    public var instrumentIDs: [String]
    /// The roles it is written for.
    public var audience: [Role]
    /// How many minutes the module takes.
    public var estimatedMinutes: Int
    /// The ids of the modules to complete first.
    public var requiredModuleIDs: [String]
    /// The videos, in order.
    public var videos: [Video]
    /// The step plans, in order.
    public var stepPlans: [StepPlan]
    /// When the module counts as completed.
    public var completion: CompletionRule

    /// Creates a module.
    public init(
        id: String,
        number: Int,
        version: Int = 1,
        language: String = "nl",
        folder: String,
        title: LocalizedText,
        summary: LocalizedText,
        instrumentIDs: [String] = [],
        audience: [Role] = [],
        estimatedMinutes: Int = 0,
        requiredModuleIDs: [String] = [],
        videos: [Video] = [],
        stepPlans: [StepPlan] = [],
        completion: CompletionRule = CompletionRule()
    ) {
        self.id = id
        self.number = number
        self.version = version
        self.language = language
        self.folder = folder
        self.title = title
        self.summary = summary
        self.instrumentIDs = instrumentIDs
        self.audience = audience
        self.estimatedMinutes = estimatedMinutes
        self.requiredModuleIDs = requiredModuleIDs
        self.videos = videos
        self.stepPlans = stepPlans
        self.completion = completion
    }

    /// The total length of the module's videos.
    public var totalDuration: MediaDuration {
        videos.reduce(MediaDuration(milliseconds: 0)) { $0 + $1.duration }
    }

    /// All steps of all step plans, in order.
    public var steps: [Step] { stepPlans.flatMap(\.steps) }

    /// The video with this id.
    public func video(id: String) -> Video? {
        videos.first { $0.id == id }
    }

    /// The step plan with this id.
    public func stepPlan(id: String) -> StepPlan? {
        stepPlans.first { $0.id == id }
    }
}

/// When a module counts as completed.
public struct CompletionRule: Sendable, Hashable, Codable {
    /// Which videos must be complete.
    public enum VideoRequirement: Sendable, Hashable, Codable {
        /// Every video of the module.
        case all
        /// No video.
        case none
        /// At least this many of the module's videos.
        case atLeast(Int)
    }

    /// Which steps must be checked.
    public enum StepRequirement: String, Sendable, Hashable, Codable {
        /// Every step that is not optional.
        case all
        /// No step.
        case none
    }

    /// The share of a video's duration that played segments must cover, from 0 (exclusive) to 1.
    public var videoThreshold: Double
    /// Which videos must be complete.
    public var videos: VideoRequirement
    /// Which steps must be checked.
    public var steps: StepRequirement

    /// Creates a rule; the default is every video to 90% and every required step.
    public init(videoThreshold: Double = 0.9, videos: VideoRequirement = .all, steps: StepRequirement = .all) {
        self.videoThreshold = videoThreshold
        self.videos = videos
        self.steps = steps
    }
}
