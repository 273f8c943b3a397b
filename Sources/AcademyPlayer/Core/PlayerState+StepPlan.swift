import AcademyContent
import AcademyProgress

extension PlayerState {
    mutating func handleStepPlanKey(_ key: Key, screen: StepPlanScreen, effects: inout [Effect]) {
        guard let plan = library.stepPlan(id: screen.stepPlanID) else { return back(effects: &effects) }
        var screen = screen
        let count = plan.steps.count
        let step = plan.steps.indices.contains(screen.selection) ? plan.steps[screen.selection] : nil
        if let moved = selection(screen.selection, after: key, count: count) {
            screen.selection = moved
            return replaceTop(.stepPlan(screen))
        }
        switch key {
        case .space, .character("x"):
            guard let step else { return }
            let isChecked = progress.steps[step.id]?.isChecked ?? false
            record([isChecked ? .stepUnchecked(stepID: step.id) : .stepChecked(stepID: step.id)], moduleID: screen.moduleID, effects: &effects)
        case .character("n"):
            guard let step else { return }
            let note = progress.notes[step.id]?.text ?? ""
            effects.append(.editNote(NoteRequest(stepID: step.id, moduleID: screen.moduleID, text: note)))
        case .enter, .right, .character("l"):
            openMoment(of: step, number: 1, effects: &effects)
            return
        case let .character(digit) where digit.isASCII && ("1"..."9").contains(digit):
            openMoment(of: step, number: Int(String(digit)) ?? 1, effects: &effects)
            return
        case .character("q"), .escape, .left, .backspace, .character("h"):
            return back(effects: &effects)
        default:
            return
        }
        replaceTop(.stepPlan(screen))
    }

    private mutating func openMoment(of step: Step?, number: Int, effects: inout [Effect]) {
        guard let step else { return }
        guard step.videoMoments.indices.contains(number - 1) else {
            show(step.videoMoments.isEmpty ? "Bij deze stap hoort geen video" : "Deze stap heeft \(step.videoMoments.count) video('s)")
            return
        }
        let moment = step.videoMoments[number - 1]
        openVideo(moment.videoID, at: moment.at.seconds, effects: &effects)
    }
}
