import AcademyContent
import AcademyProgress

extension PlayerState {
    mutating func handleModuleKey(_ key: Key, screen: ModuleScreen, effects: inout [Effect]) {
        guard let module = library.module(id: screen.moduleID) else { return back(effects: &effects) }
        let count = module.videos.count + module.stepPlans.count
        var screen = screen
        if let moved = selection(screen.selection, after: key, count: count) {
            screen.selection = moved
            return replaceTop(.module(screen))
        }
        switch key {
        case .enter, .right, .character("l"):
            if module.videos.indices.contains(screen.selection) {
                openVideo(module.videos[screen.selection].id, at: nil, effects: &effects)
            } else if module.stepPlans.indices.contains(screen.selection - module.videos.count) {
                let plan = module.stepPlans[screen.selection - module.videos.count]
                push(.stepPlan(StepPlanScreen(stepPlanID: plan.id, moduleID: module.id)))
            }
            return
        case .character("o"):
            if module.videos.indices.contains(screen.selection) {
                let video = module.videos[screen.selection]
                effects.append(.openVideo(VideoRequest(videoID: video.id, moduleID: module.id, start: resumePosition(of: video))))
            } else {
                show("Kies eerst een video (o opent de video in een videospeler)")
            }
            return
        case .character("q"), .escape, .left, .backspace, .character("h"):
            return back(effects: &effects)
        default:
            return
        }
    }
}
