public import Foundation

/// Everything a learner has done, folded from their events: what they played of each video, which
/// steps they checked, their notes, and where they were last.
///
/// Apart from resets, applying events does not depend on the order they arrive in: played segments
/// are unions, and checks, notes and positions keep the latest by the event's own time. So events
/// sent late from an offline player land right. (The store applies each event id once.)
public struct LearnerProgress: Sendable, Hashable, Codable {
    /// What the learner played of a video.
    public struct VideoState: Sendable, Hashable, Codable {
        /// The module of the video.
        public var moduleID: String
        /// The played segments, merged.
        public var played: TimeSegments
        /// Where playback stopped last (by event time): the resume position, in seconds.
        public var position: Double
        /// The time of the event that set `position`.
        public var positionAt: Date
    }

    /// A step's check box.
    public struct StepState: Sendable, Hashable, Codable {
        /// The module of the step.
        public var moduleID: String
        /// Whether the step is checked.
        public var isChecked: Bool
        /// The time of the event that set it.
        public var at: Date
    }

    /// A note on a step.
    public struct NoteState: Sendable, Hashable, Codable {
        /// The module of the step.
        public var moduleID: String
        /// The note.
        public var text: String
        /// When it was saved.
        public var at: Date
    }

    /// Where the learner was last: a video, a step, or a module.
    public struct Place: Sendable, Hashable, Codable {
        /// `video`, `step` or `module`.
        public var kind: String
        /// The id of the video, step or module.
        public var id: String
        /// The module.
        public var moduleID: String
        /// When.
        public var at: Date
    }

    /// Per video id.
    public var videos: [String: VideoState] = [:]
    /// Per step id.
    public var steps: [String: StepState] = [:]
    /// Per step id.
    public var notes: [String: NoteState] = [:]
    /// When each module was first started, per module id.
    public var startedModules: [String: Date] = [:]
    /// When progress was last reset, per module id (`*`: everything).
    public var resets: [String: Date] = [:]
    /// The latest place, by event time.
    public var lastPlace: Place?
    /// How many events were applied.
    public var eventCount = 0

    /// An empty record.
    public init() {}

    /// Applies an event whose module is known (``EventValidator`` fills it in).
    public mutating func apply(_ event: ProgressEvent) {
        eventCount += 1
        let module = event.moduleID ?? ""
        // An event from before a reset of its module belongs to the progress that was cleared.
        if let reset = resets["*"], event.at < reset, !isReset(event) { return }
        if let reset = resets[module], event.at < reset, !isReset(event) { return }
        switch event.kind {
        case let .videoProgress(videoID, segments, position):
            var state = videos[videoID] ?? VideoState(moduleID: module, played: TimeSegments(), position: 0, positionAt: .distantPast)
            for segment in segments { state.played.insert(segment.from, segment.to) }
            if event.at >= state.positionAt {
                state.position = position
                state.positionAt = event.at
            }
            videos[videoID] = state
            startedModules[module] = min(startedModules[module] ?? event.at, event.at)
            moveLastPlace(Place(kind: "video", id: videoID, moduleID: module, at: event.at))
        case let .stepChecked(stepID), let .stepUnchecked(stepID):
            let checked = if case .stepChecked = event.kind { true } else { false }
            if let current = steps[stepID], current.at > event.at { break }
            steps[stepID] = StepState(moduleID: module, isChecked: checked, at: event.at)
            startedModules[module] = min(startedModules[module] ?? event.at, event.at)
            moveLastPlace(Place(kind: "step", id: stepID, moduleID: module, at: event.at))
        case let .noteSaved(stepID, text):
            if let current = notes[stepID], current.at > event.at { break }
            notes[stepID] = NoteState(moduleID: module, text: text, at: event.at)
            startedModules[module] = min(startedModules[module] ?? event.at, event.at)
            moveLastPlace(Place(kind: "step", id: stepID, moduleID: module, at: event.at))
        case .moduleStarted:
            startedModules[module] = min(startedModules[module] ?? event.at, event.at)
            moveLastPlace(Place(kind: "module", id: module, moduleID: module, at: event.at))
        case .progressReset:
            let key = event.moduleID ?? "*"
            resets[key] = max(resets[key] ?? event.at, event.at)
            let clears = { (item: String) in key == "*" || item == key }
            videos = videos.filter { !clears($0.value.moduleID) || $0.value.positionAt > event.at }
            steps = steps.filter { !clears($0.value.moduleID) || $0.value.at > event.at }
            notes = notes.filter { !clears($0.value.moduleID) || $0.value.at > event.at }
            startedModules = startedModules.filter { !clears($0.key) || $0.value > event.at }
            if let place = lastPlace, clears(place.moduleID), place.at <= event.at { lastPlace = nil }
        }
    }

    private func isReset(_ event: ProgressEvent) -> Bool {
        if case .progressReset = event.kind { return true }
        return false
    }

    private mutating func moveLastPlace(_ place: Place) {
        if let current = lastPlace, current.at > place.at { return }
        lastPlace = place
    }

    /// Whether the learner did anything in the module.
    public func hasStarted(module id: String) -> Bool {
        startedModules[id] != nil
    }

    /// The checked steps' ids.
    public var checkedSteps: Set<String> {
        Set(steps.filter(\.value.isChecked).keys)
    }
}
