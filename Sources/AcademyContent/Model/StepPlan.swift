/// A practical step plan: steps that a team, coach or leader carries out.
public struct StepPlan: Sendable, Hashable, Codable, Identifiable {
    /// The step plan's id, unique in the academy.
    public var id: String
    /// The title.
    public var title: LocalizedText
    /// What the plan achieves, when given.
    public var summary: LocalizedText?
    /// The steps in order.
    public var steps: [Step]

    /// Creates a step plan.
    public init(id: String, title: LocalizedText, summary: LocalizedText? = nil, steps: [Step]) {
        self.id = id
        self.title = title
        self.summary = summary
        self.steps = steps
    }

    /// The steps that count for completion.
    public var requiredSteps: [Step] { steps.filter { !$0.isOptional } }

    /// The total minutes of all steps.
    public var totalMinutes: Int { steps.reduce(0) { $0 + $1.minutes } }
}

/// One step of a step plan.
public struct Step: Sendable, Hashable, Codable, Identifiable {
    /// The step's id, unique in the academy.
    public var id: String
    /// What to do.
    public var title: LocalizedText
    /// How to do it; paragraphs separated by an empty line.
    public var body: LocalizedText
    /// Who carries it out.
    public var role: Role
    /// How many minutes it takes.
    public var minutes: Int
    /// Whether it may be skipped.
    public var isOptional: Bool
    /// What it needs.
    public var needs: [LocalizedText]
    /// Video moments to watch for it.
    public var videoMoments: [VideoMoment]

    /// Creates a step.
    public init(
        id: String,
        title: LocalizedText,
        body: LocalizedText,
        role: Role,
        minutes: Int,
        isOptional: Bool = false,
        needs: [LocalizedText] = [],
        videoMoments: [VideoMoment] = []
    ) {
        self.id = id
        self.title = title
        self.body = body
        self.role = role
        self.minutes = minutes
        self.isOptional = isOptional
        self.needs = needs
        self.videoMoments = videoMoments
    }
}

/// A moment in a video that a step points to.
public struct VideoMoment: Sendable, Hashable, Codable {
    /// The video's id.
    public var videoID: String
    /// Where to start.
    public var at: MediaDuration

    /// Creates a moment.
    public init(videoID: String, at: MediaDuration = MediaDuration(milliseconds: 0)) {
        self.videoID = videoID
        self.at = at
    }
}
