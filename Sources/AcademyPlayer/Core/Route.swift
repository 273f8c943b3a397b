/// A screen in the player's stack.
public enum Route: Sendable, Hashable {
    /// The catalog of modules.
    case catalog
    /// One module.
    case module(ModuleScreen)
    /// One video, with caption playback.
    case video(VideoScreen)
    /// One step plan.
    case stepPlan(StepPlanScreen)

    /// A short name for tests and logs: `catalog`, `module`, `video` or `stepPlan`.
    public var name: String {
        switch self {
        case .catalog: "catalog"
        case .module: "module"
        case .video: "video"
        case .stepPlan: "stepPlan"
        }
    }
}

/// The catalog's selection, track filter and search.
public struct CatalogScreen: Sendable, Hashable {
    /// The selected row: the "continue" row first (when there is one), then the listed modules.
    public internal(set) var selection = 0
    /// The track whose modules are listed, or `nil` for all modules.
    public internal(set) var trackID: String?
    /// The search text (`/`); modules whose number, id or title contain it are listed.
    public internal(set) var query = ""
    /// Whether keys go to the search text.
    public internal(set) var isSearching = false
}

/// The module screen: the selected video or step plan.
public struct ModuleScreen: Sendable, Hashable {
    /// The module.
    public var moduleID: String
    /// The selected item: videos first, then step plans.
    public internal(set) var selection = 0
}

/// The video screen: its caption playback.
public struct VideoScreen: Sendable, Hashable {
    /// The video.
    public var videoID: String
    /// Its module.
    public var moduleID: String
    /// The caption playback.
    public internal(set) var playback: CaptionPlayback
    /// Where the video file is when no player could open it: shown above the transcript.
    public internal(set) var fileHint: String?
    /// Whether the whole transcript is shown, rather than the captions up to the position.
    public internal(set) var showsTranscript = false
}

/// The step plan screen: the selected step.
public struct StepPlanScreen: Sendable, Hashable {
    /// The step plan.
    public var stepPlanID: String
    /// Its module.
    public var moduleID: String
    /// The selected step.
    public internal(set) var selection = 0
}
