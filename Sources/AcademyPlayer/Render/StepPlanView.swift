import AcademyContent
import AcademyProgress

extension ScreenRenderer {
    /// A step plan: its steps with check boxes, and the selected step in full (body, what it needs,
    /// its video moments, the learner's note).
    func drawStepPlan(_ screen: inout Screen, _ planScreen: StepPlanScreen) {
        guard let plan = state.library.stepPlan(id: planScreen.stepPlanID), let module = state.library.module(id: planScreen.moduleID) else { return }
        drawHeader(&screen, "\(moduleLabel(module)) › \(state.text(plan.title))", right: "stappenplan")
        let checked = state.progress.checkedSteps
        // Counts and "klaar" from the shared completion, as the module screen and the coach see them.
        let completion = state.completion(ofModule: module.id)?.stepPlans.first { $0.stepPlanID == plan.id }
        let done = completion?.checkedSteps.count ?? 0
        let isComplete = completion?.isComplete ?? false
        let barWidth = min(16, max(4, plan.steps.count * 2))
        drawBar(&screen, fraction: plan.steps.isEmpty ? 1 : Double(done) / Double(plan.steps.count), row: 1, column: 1, width: barWidth)
        var status = "\(done)/\(plan.steps.count) stappen gedaan · \(plan.totalMinutes) min"
        if completion?.requiredSteps != plan.steps.count { status += " · \(completion?.requiredSteps ?? 0) verplicht" }
        if isComplete { status = "✓ klaar · " + status }
        screen.write(
            TextLayout.truncate(status, to: width - barWidth - 3),
            row: 1,
            column: barWidth + 2,
            style: isComplete ? CellStyle(foreground: .green, isBold: true) : .plain
        )

        // The list takes up to half the rows; the rest shows the selected step.
        let available = height - 3
        let listRows = min(plan.steps.count, max(3, available / 2))
        let range = visibleRange(count: plan.steps.count, selection: planScreen.selection, height: listRows)
        let numberWidth = String(plan.steps.count).count
        for (offset, index) in range.enumerated() {
            let step = plan.steps[index]
            let row = 2 + offset
            let isSelected = index == planScreen.selection
            let isChecked = checked.contains(step.id)
            let base: CellStyle = isSelected ? .reversed : .plain
            if isSelected { screen.fill(row: row, column: 1, width: width - 2, style: base) }
            var box = base
            if isChecked { box.foreground = .green }
            box.isBold = true
            screen.write(isChecked ? "[x]" : "[ ]", row: row, column: 1, style: box)
            let note = state.progress.notes[step.id].map { $0.text.isEmpty ? "" : " ✎" } ?? ""
            let right = width >= 60 ? "\(step.role) · \(step.minutes) min\(step.isOptional ? " · optioneel" : "")\(note)" : note
            let rightWidth = TextLayout.width(right)
            let title = "\(TextLayout.padLeft(String(index + 1), to: numberWidth)). \(state.text(step.title))"
            var titleStyle = base
            if isChecked && !isSelected { titleStyle.isDim = true }
            screen.write(TextLayout.truncate(title, to: width - 7 - rightWidth), row: row, column: 5, style: titleStyle)
            if rightWidth > 0 { screen.write(right, row: row, column: width - 2 - rightWidth, style: isSelected ? base : .dim) }
        }

        let ruleRow = 2 + listRows
        drawRule(&screen, row: ruleRow, label: "stap \(planScreen.selection + 1) van \(plan.steps.count)")
        guard plan.steps.indices.contains(planScreen.selection) else { return }
        drawStepDetail(&screen, plan.steps[planScreen.selection], top: ruleRow + 1, rows: height - 1 - ruleRow - 1)
    }

    private func drawStepDetail(_ screen: inout Screen, _ step: Step, top: Int, rows: Int) {
        var lines: [(String, CellStyle)] = []
        let textWidth = width - 2
        for line in TextLayout.wrap(state.text(step.title), width: textWidth) { lines.append((line, .bold)) }
        let meta = "\(step.role) · \(step.minutes) minuten\(step.isOptional ? " · optioneel" : "")"
        lines.append((meta, .dim))
        for (index, moment) in step.videoMoments.enumerated() {
            let title = state.library.video(id: moment.videoID).map { state.text($0.title) } ?? moment.videoID
            let key = index == 0 ? "Enter" : String(index + 1)
            lines.append((TextLayout.truncate("▶ Video: \(title) vanaf \(moment.at.clock) (\(key))", to: textWidth), CellStyle(foreground: .cyan)))
        }
        if let note = state.progress.notes[step.id], !note.text.isEmpty {
            let noteLines = TextLayout.wrap("✎ Notitie: " + note.text.replacing("\n", with: " "), width: textWidth)
            for line in noteLines.prefix(3) { lines.append((line, CellStyle(foreground: .yellow))) }
        } else {
            lines.append(("✎ Nog geen notitie (n)", .dim))
        }
        lines.append(("", .plain))
        for line in TextLayout.wrap(state.text(step.body), width: textWidth) { lines.append((line, .plain)) }
        if !step.needs.isEmpty {
            lines.append(("", .plain))
            lines.append(("Nodig:", .bold))
            for need in step.needs {
                for (offset, line) in TextLayout.wrap(state.text(need), width: textWidth - 2).enumerated() {
                    lines.append(((offset == 0 ? "• " : "  ") + line, .plain))
                }
            }
        }
        for (offset, line) in lines.prefix(rows).enumerated() {
            var text = line.0
            if offset == rows - 1, lines.count > rows { text = TextLayout.truncate(text + " …", to: textWidth) }
            screen.write(text, row: top + offset, column: 1, style: line.1)
        }
    }
}
