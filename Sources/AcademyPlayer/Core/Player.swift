import AcademyContent
import AcademyProgress

/// The player's pure core: the next state and effects from a state and an event, and the screen
/// for a state. No I/O happens here, so every screen and key is tested without a terminal.
///
/// For example:
///
/// ```swift
/// var state = PlayerState(library: library, learner: learner, progress: progress, size: size, now: now)
/// var effects: [Effect]
/// (state, effects) = Player.update(state, .key(.down))
/// let screen = Player.render(state, size: size)
/// ```
public enum Player {
    /// The next state, and the effects for the backend to carry out in order.
    public static func update(_ state: PlayerState, _ event: PlayerEvent) -> (PlayerState, [Effect]) {
        var state = state
        var effects: [Effect] = []
        state.handle(event, effects: &effects)
        return (state, effects)
    }

    /// The screen that shows `state` in a terminal of `size`.
    public static func render(_ state: PlayerState, size: TerminalSize) -> Screen {
        ScreenRenderer(state: state, size: size).render()
    }
}

extension PlayerState {
    /// How long an information line stays, in seconds.
    static let messageDuration = 4.0

    mutating func handle(_ event: PlayerEvent, effects: inout [Effect]) {
        guard !isFinished else { return }
        switch event {
        case let .tick(time):
            now = time
            if let expires = message?.expires, time.seconds >= expires { message = nil }
            tickVideo(effects: &effects)
            tickSync(effects: &effects)
        case let .resize(size):
            self.size = size
        case let .key(key):
            handleKey(key, effects: &effects)
        case let .result(result):
            handleResult(result, effects: &effects)
        case let .open(moduleID):
            leaveVideo(effects: &effects)
            stack = []
            openModule(moduleID, effects: &effects)
        }
    }

    private mutating func handleKey(_ key: Key, effects: inout [Effect]) {
        if message?.kind == .error { message = nil }
        if key == .interrupt {
            quit(effects: &effects)
            return
        }
        if key == .control("z") {
            // Suspended, the learner is not watching: pause and record, as when leaving the video.
            leaveVideo(effects: &effects)
            effects.append(.suspend)
            return
        }
        if isHelpShown {
            isHelpShown = false
            return
        }
        if key == .character("?"), !catalog.isSearching || !stack.isEmpty {
            isHelpShown = true
            return
        }
        switch route {
        case .catalog: handleCatalogKey(key, effects: &effects)
        case let .module(screen): handleModuleKey(key, screen: screen, effects: &effects)
        case let .video(screen): handleVideoKey(key, screen: screen, effects: &effects)
        case let .stepPlan(screen): handleStepPlanKey(key, screen: screen, effects: &effects)
        }
    }

    // MARK: - Navigation

    /// Opens a screen on top of the current one.
    mutating func push(_ route: Route) {
        stack.append(route)
    }

    /// Leaves the current screen; from the catalog, quits.
    mutating func back(effects: inout [Effect]) {
        guard !stack.isEmpty else {
            quit(effects: &effects)
            return
        }
        leaveVideo(effects: &effects)
        stack.removeLast()
        if stack.isEmpty { effects.append(.reloadProgress) }
    }

    /// Records what is still open and asks the backend to stop.
    mutating func quit(effects: inout [Effect]) {
        leaveVideo(effects: &effects)
        if !unsent.isEmpty {
            effects.append(.record(unsent))
            unsent = []
        }
        isFinished = true
        effects.append(.quit)
    }

    /// Replaces the current screen's state.
    mutating func replaceTop(_ route: Route) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1] = route
    }

    // MARK: - Progress

    /// Applies events to the progress shown at once, and asks the backend to store them (with any
    /// that could not be stored before).
    mutating func record(_ kinds: [ProgressEvent.Kind], moduleID: String, effects: inout [Effect]) {
        let events = kinds.map { ProgressEvent(at: now.date, kind: $0, moduleID: moduleID) }
        guard !events.isEmpty else { return }
        for event in events { progress.apply(event) }
        updateCompletion(ofModule: moduleID)
        continueTarget = findContinueTarget()
        effects.append(.record(unsent + events))
        unsent = []
        requestSync(effects: &effects)
    }

    mutating func updateCompletion(ofModule id: String) {
        guard let index = library.modules.firstIndex(where: { $0.id == id }) else { return }
        completions[index] = Completion.module(library.modules[index], progress: progress)
    }

    mutating func show(_ text: String, kind: StatusMessage.Kind = .info) {
        message = StatusMessage(text: text, kind: kind, expires: kind == .info ? now.seconds + Self.messageDuration : nil)
    }

    private mutating func handleResult(_ result: EffectResult, effects: inout [Effect]) {
        switch result {
        case let .recorded(events, refused):
            if let first = refused.first {
                show("Niet opgeslagen: \(first.message)", kind: .error)
            }
            if sync.isRemote { sync.waiting += events.count - refused.count }
        case let .recordFailed(events, reason):
            let known = Set(unsent.map(\.id))
            unsent = events.filter { !known.contains($0.id) } + unsent
            show("Voortgang nog niet opgeslagen (\(reason)); wordt opnieuw geprobeerd", kind: .error)
        case let .progressLoaded(loaded):
            var merged = loaded
            for event in unsent { merged.apply(event) }
            progress = merged
            completions = library.modules.map { Completion.module($0, progress: merged) }
            continueTarget = findContinueTarget()
        case let .videoClosed(request, outcome):
            videoClosed(request, outcome: outcome, effects: &effects)
        case let .noteEdited(request, text):
            let cleaned = NoteText.clean(text)
            if cleaned == NoteText.clean(request.text) {
                show("Notitie ongewijzigd")
            } else {
                record([.noteSaved(stepID: request.stepID, text: cleaned)], moduleID: request.moduleID, effects: &effects)
                show(cleaned.isEmpty ? "Notitie verwijderd" : "Notitie opgeslagen")
            }
        case let .noteFailed(_, reason):
            show(reason, kind: .error)
        case let .synchronized(status):
            synchronized(status, effects: &effects)
        }
    }

    // MARK: - Text

    /// A text in the player's language.
    func text(_ localized: LocalizedText) -> String {
        localized.text(preferring: [language])
    }
}
