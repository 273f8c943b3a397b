import AcademyContent
import AcademyProgress

/// Where the catalog's "continue" row leads: where the learner was, or else the next thing in
/// their track.
public struct ContinueTarget: Sendable, Hashable {
    /// A video (at a position), a step, or a module.
    public enum Place: Sendable, Hashable {
        case video(videoID: String, moduleID: String, at: Double)
        case step(stepID: String, stepPlanID: String, moduleID: String)
        case module(moduleID: String)
    }

    /// The place.
    public var place: Place
    /// `true`: where the learner was last ("verder waar je was"); `false`: the next step in their track.
    public var isResume: Bool

    /// The module of the place.
    public var moduleID: String {
        switch place {
        case let .video(_, moduleID, _), let .step(_, _, moduleID), let .module(moduleID): moduleID
        }
    }
}

extension PlayerState {
    /// The modules listed in the catalog (positions in ``ContentLibrary/modules``): the track's (or
    /// all), narrowed by the search text.
    public var listedModules: [Int] {
        var indices: [Int]
        if let trackID = catalog.trackID, let track = library.track(id: trackID) {
            indices = track.moduleIDs.compactMap { id in library.modules.firstIndex { $0.id == id } }
        } else {
            indices = Array(library.modules.indices)
        }
        let query = SearchText.fold(catalog.query).split(separator: " ")
        if !query.isEmpty {
            indices = indices.filter { index in query.allSatisfy { searchKeys[index].contains($0) } }
        }
        return indices
    }

    /// The catalog's "continue" row, worked out anew (``continueTarget`` keeps it between changes).
    func findContinueTarget() -> ContinueTarget? {
        if let place = progress.lastPlace, let completion = completion(ofModule: place.moduleID), !completion.isComplete {
            switch place.kind {
            case "video":
                if let video = library.video(id: place.id) {
                    return ContinueTarget(place: .video(videoID: video.id, moduleID: place.moduleID, at: resumePosition(of: video)), isResume: true)
                }
            case "step":
                if let address = library.address(ofStep: place.id) {
                    let plan = library.modules[address.module].stepPlans[address.stepPlan]
                    return ContinueTarget(place: .step(stepID: place.id, stepPlanID: plan.id, moduleID: place.moduleID), isResume: true)
                }
            default:
                break
            }
            return ContinueTarget(place: .module(moduleID: place.moduleID), isResume: true)
        }
        let track = Completion.track(for: learner.role, in: library)
        guard let next = Completion.next(in: track, library: library, progress: progress) else { return nil }
        switch next.kind {
        case .video:
            return ContinueTarget(place: .video(videoID: next.id, moduleID: next.moduleID, at: next.resumeAt ?? 0), isResume: false)
        case .step:
            guard let address = library.address(ofStep: next.id) else { return nil }
            let plan = library.modules[address.module].stepPlans[address.stepPlan]
            return ContinueTarget(place: .step(stepID: next.id, stepPlanID: plan.id, moduleID: next.moduleID), isResume: false)
        case .module:
            return ContinueTarget(place: .module(moduleID: next.moduleID), isResume: false)
        }
    }

    /// Where a video resumes: the last position, or the start when it was watched to the end.
    func resumePosition(of video: Video) -> Double {
        let position = progress.videos[video.id]?.position ?? 0
        return position >= video.duration.seconds - 1 ? 0 : position
    }

    /// How many rows a page key moves in a list.
    var pageSize: Int { max(1, size.rows - 8) }

    /// Where a list's selection goes for a movement key (↑ ↓ k j, PgUp PgDn, Home End g G) among
    /// `count` rows; `nil` for any other key. Every list screen moves the same way.
    func selection(_ current: Int, after key: Key, count: Int) -> Int? {
        let last = max(0, count - 1)
        switch key {
        case .up, .character("k"): return max(0, current - 1)
        case .down, .character("j"): return min(last, current + 1)
        case .pageUp: return max(0, current - pageSize)
        case .pageDown: return min(last, current + pageSize)
        case .home, .character("g"): return 0
        case .end, .character("G"): return last
        default: return nil
        }
    }

    // MARK: - Keys

    mutating func handleCatalogKey(_ key: Key, effects: inout [Effect]) {
        let hasContinue = continueTarget != nil
        let rowCount = (hasContinue ? 1 : 0) + listedModules.count
        if catalog.isSearching {
            switch key {
            case let .character(character):
                catalog.query.append(character)
                catalog.selection = hasContinue ? 1 : 0
                clampCatalogSelection()
                return
            case .backspace:
                if !catalog.query.isEmpty { catalog.query.removeLast() }
                clampCatalogSelection()
                return
            case .control("u"):
                catalog.query = ""
                return
            case .enter:
                catalog.isSearching = false
                if listedModules.count == 1 { catalog.selection = hasContinue ? 1 : 0 }
                return
            case .escape:
                catalog.isSearching = false
                catalog.query = ""
                clampCatalogSelection()
                return
            default:
                break
            }
        }
        if let moved = selection(catalog.selection, after: key, count: rowCount) {
            catalog.selection = moved
            return
        }
        switch key {
        case .enter, .right, .character("l"):
            if hasContinue, catalog.selection == 0 {
                openContinue(effects: &effects)
            } else {
                let listed = listedModules
                let row = catalog.selection - (hasContinue ? 1 : 0)
                if listed.indices.contains(row) { openModule(library.modules[listed[row]].id, effects: &effects) }
            }
        case .character("v"): openContinue(effects: &effects)
        case .character("/"):
            catalog.isSearching = true
        case .character("t"): cycleTrack(by: 1)
        case .character("T"): cycleTrack(by: -1)
        case .escape:
            if !catalog.query.isEmpty {
                catalog.query = ""
                clampCatalogSelection()
            }
        case .character("q"): quit(effects: &effects)
        default: break
        }
    }

    private mutating func cycleTrack(by step: Int) {
        let choices: [String?] = [nil] + library.academy.tracks.map(\.id)
        let current = choices.firstIndex { $0 == catalog.trackID } ?? 0
        catalog.trackID = choices[(current + step + choices.count) % choices.count]
        catalog.selection = 0
        let title = catalog.trackID.flatMap { library.track(id: $0) }.map { text($0.title) } ?? "Alle modules"
        show("Leerlijn: \(title)")
    }

    private mutating func clampCatalogSelection() {
        let rowCount = (continueTarget == nil ? 0 : 1) + listedModules.count
        catalog.selection = min(catalog.selection, max(0, rowCount - 1))
    }

    /// Opens where the learner was (or what is next), with the module screen beneath it.
    mutating func openContinue(effects: inout [Effect]) {
        guard let target = continueTarget, let module = library.module(id: target.moduleID) else {
            show("Alles in je leerlijn is klaar. Kies een module.")
            return
        }
        leaveVideo(effects: &effects)
        stack = []
        openModule(module.id, effects: &effects)
        switch target.place {
        case let .video(videoID, _, at):
            selectInModule(module.videos.firstIndex { $0.id == videoID })
            openVideo(videoID, at: at, effects: &effects)
        case let .step(stepID, stepPlanID, _):
            guard let planIndex = module.stepPlans.firstIndex(where: { $0.id == stepPlanID }) else { return }
            selectInModule(module.videos.count + planIndex)
            let stepIndex = module.stepPlans[planIndex].steps.firstIndex { $0.id == stepID } ?? 0
            push(.stepPlan(StepPlanScreen(stepPlanID: stepPlanID, moduleID: module.id, selection: stepIndex)))
        case .module:
            break
        }
    }

    private mutating func selectInModule(_ index: Int?) {
        guard let index, case var .module(screen) = route else { return }
        screen.selection = index
        replaceTop(.module(screen))
    }

    /// Opens a module's screen; the first visit records that the module was started.
    mutating func openModule(_ id: String, effects: inout [Effect]) {
        guard library.module(id: id) != nil else { return }
        push(.module(ModuleScreen(moduleID: id)))
        if !progress.hasStarted(module: id) {
            record([.moduleStarted], moduleID: id, effects: &effects)
        }
    }
}
