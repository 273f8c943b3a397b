import AcademyContent
import AcademyProgress

extension ScreenRenderer {
    /// A module: what it is, its progress, its videos (duration, watched) and step plans (steps done).
    func drawModule(_ screen: inout Screen, _ moduleScreen: ModuleScreen) {
        guard let module = state.library.module(id: moduleScreen.moduleID),
            let completion = state.completion(ofModule: module.id)
        else { return }
        drawHeader(&screen, "Module \(module.number) · \(state.text(module.title))", right: "\(module.number)/\(state.library.modules.count)")

        let audience = module.audience.map(\.rawValue).joined(separator: ", ")
        var meta = "\(module.estimatedMinutes) min · \(module.videos.count) video's (\(Clock.text(module.totalDuration.seconds)))"
        meta += " · \(module.stepPlans.count) stappenplan\(module.stepPlans.count == 1 ? "" : "nen")"
        if !audience.isEmpty { meta += " · voor \(audience)" }
        screen.write(TextLayout.truncate(meta, to: width - 2), row: 1, column: 1, style: .dim)

        let barWidth = width >= 60 ? 16 : 8
        drawBar(&screen, fraction: completion.fraction, row: 2, column: 1, width: barWidth)
        var status = "\(percent(completion.fraction)) · \(completion.videosComplete)/\(completion.videosRequired) video's"
        status += " · \(completion.stepsChecked)/\(completion.stepsRequired) stappen"
        if completion.isComplete { status = "✓ klaar · " + status }
        screen.write(
            TextLayout.truncate(status, to: width - barWidth - 3),
            row: 2,
            column: barWidth + 2,
            style: completion.isComplete ? CellStyle(foreground: .green, isBold: true) : .plain
        )

        // The items: headings (not selectable) and rows, scrolled to keep the selection in view.
        struct Line {
            var text: String
            var right: String
            var item: Int?
            var style: CellStyle
            var rightStyle: CellStyle
        }
        var lines: [Line] = []
        if !module.videos.isEmpty { lines.append(Line(text: "Video's", right: "", item: nil, style: .bold, rightStyle: .plain)) }
        // At narrow widths the statuses shorten, so titles keep their room.
        let isWide = width >= 70
        let statusWidth = isWide ? 11 : 4
        for (index, video) in module.videos.enumerated() {
            let watched = completion.videos[index]
            let status: String
            let rightStyle: CellStyle
            if watched.isComplete {
                status = isWide ? "✓ bekeken" : "✓"
                rightStyle = CellStyle(foreground: .green)
            } else if watched.watchedSeconds > 0 {
                status = TextLayout.padLeft(percent(watched.fraction), to: 4) + (isWide ? " gezien" : "")
                rightStyle = .plain
            } else {
                status = ""
                rightStyle = .dim
            }
            let right = TextLayout.padLeft(video.duration.clock, to: 5) + " " + TextLayout.pad(status, to: statusWidth)
            lines.append(Line(text: "▶ \(state.text(video.title))", right: right, item: index, style: .plain, rightStyle: rightStyle))
        }
        if !module.stepPlans.isEmpty { lines.append(Line(text: "Stappenplannen", right: "", item: nil, style: .bold, rightStyle: .plain)) }
        for (index, plan) in module.stepPlans.enumerated() {
            let done = completion.stepPlans[index]
            let right = "\(done.checkedSteps.count)/\(plan.steps.count)" + (isWide ? " stappen" : "")
            lines.append(
                Line(
                    text: "\(done.isComplete ? "☑" : "☐") \(state.text(plan.title))",
                    right: TextLayout.padLeft(right, to: 6 + statusWidth),
                    item: module.videos.count + index,
                    style: .plain,
                    rightStyle: done.isComplete ? CellStyle(foreground: .green) : .plain
                )
            )
        }

        let listTop: Int
        let available = height - 4 - 1
        let summaryRows = min(7, max(0, available - lines.count - 1))
        if summaryRows > 0 {
            let requirement = requirementNote(module)
            var row = 3
            row += drawWrapped(&screen, state.text(module.summary), row: row, limit: summaryRows - (requirement == nil ? 0 : 1), style: .plain)
            if let requirement, row < 3 + summaryRows {
                screen.write(TextLayout.truncate(requirement, to: width - 2), row: row, column: 1, style: CellStyle(foreground: .yellow))
                row += 1
            }
            listTop = row + 1
        } else {
            listTop = 3
        }
        let listHeight = height - 1 - listTop
        if lines.count > listHeight {
            // Short of rows, the headings go first: the ▶ and ☐ marks tell videos from step plans.
            lines.removeAll { $0.item == nil }
        }
        let selectedLine = lines.firstIndex { $0.item == moduleScreen.selection } ?? 0
        let range = visibleRange(count: lines.count, selection: selectedLine, height: listHeight)
        for (offset, index) in range.enumerated() {
            let line = lines[index]
            let row = listTop + offset
            let isSelected = line.item != nil && line.item == moduleScreen.selection
            let indent = line.item == nil ? 1 : 3
            let rightWidth = min(TextLayout.width(line.right), width / 2)
            if isSelected { screen.fill(row: row, column: 2, width: width - 3, style: .reversed) }
            screen.write(
                TextLayout.truncate(line.text, to: width - indent - rightWidth - 3),
                row: row,
                column: indent,
                style: isSelected ? line.style.selected : line.style
            )
            if rightWidth > 0 {
                let right = TextLayout.truncate(line.right, to: rightWidth)
                screen.write(
                    right,
                    row: row,
                    column: width - 2 - TextLayout.width(right),
                    style: isSelected ? line.rightStyle.selected : line.rightStyle
                )
            }
        }
    }

    /// "Doe eerst: …" when a module it requires is not complete.
    private func requirementNote(_ module: Module) -> String? {
        let open = module.requiredModuleIDs.compactMap { id -> Module? in
            guard let required = state.library.module(id: id), state.completion(ofModule: id)?.isComplete == false else { return nil }
            return required
        }
        guard !open.isEmpty else { return nil }
        return "Tip: doe eerst " + open.map(moduleLabel).joined(separator: ", ")
    }
}
