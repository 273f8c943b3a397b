import AcademyContent
import AcademyProgress

extension ScreenRenderer {
    /// The catalog: totals, the "continue" row, the track filter and search, and every module with a
    /// progress bar.
    func drawCatalog(_ screen: inout Screen) {
        let library = state.library
        drawHeader(&screen, state.text(library.academy.title), right: "\(state.learner.displayName) · \(state.learner.role)")

        let trackModules: [Int]
        if let trackID = state.catalog.trackID, let track = library.track(id: trackID) {
            trackModules = track.moduleIDs.compactMap { id in library.modules.firstIndex { $0.id == id } }
        } else {
            trackModules = Array(library.modules.indices)
        }
        drawTotals(&screen, row: 1, modules: trackModules)

        let trackTitle = state.catalog.trackID.flatMap { library.track(id: $0) }.map { state.text($0.title) } ?? "Alle modules"
        var filter = "Leerlijn: \(trackTitle) (t)"
        if state.catalog.isSearching || !state.catalog.query.isEmpty {
            filter += "   Zoek: \(state.catalog.query)"
        } else {
            filter += "   / zoeken"
        }
        let used = screen.write(TextLayout.truncate(filter, to: width - 2), row: 2, column: 1, style: .dim)
        if state.catalog.isSearching, used < width - 2 {
            screen.write("▏", row: 2, column: 1 + used, style: .bold)
            screen.restyle(row: 2, column: 1, width: used) { $0 = .plain }
        }

        let target = state.continueTarget
        let listed = state.listedModules
        let rowCount = (target == nil ? 0 : 1) + listed.count
        let top = 3
        let listHeight = height - top - 1
        let range = visibleRange(count: rowCount, selection: state.catalog.selection, height: listHeight)
        let numberWidth = String(library.modules.last?.number ?? 9).count
        for (offset, index) in range.enumerated() {
            let row = top + offset
            let isSelected = index == state.catalog.selection
            if let target, index == 0 {
                drawContinueRow(&screen, target, row: row, isSelected: isSelected)
            } else {
                drawModuleRow(&screen, listed[index - (target == nil ? 0 : 1)], row: row, numberWidth: numberWidth, isSelected: isSelected)
            }
        }
        if listed.isEmpty {
            let note =
                state.catalog.query.isEmpty
                ? "Geen modules in deze leerlijn." : "Geen module gevonden voor '\(state.catalog.query)' (Esc wist de zoekopdracht)."
            screen.write(TextLayout.truncate(note, to: width - 4), row: top + (target == nil ? 0 : 1), column: 3, style: .dim)
        }
    }

    private func drawTotals(_ screen: inout Screen, row: Int, modules: [Int]) {
        var complete = 0
        var videos = 0
        var videosDone = 0
        var steps = 0
        var stepsDone = 0
        var fractions = 0.0
        for index in modules {
            let completion = state.completions[index]
            if completion.isComplete { complete += 1 }
            videos += completion.videos.count
            videosDone += completion.videos.count(where: \.isComplete)
            steps += completion.stepsRequired
            stepsDone += completion.stepsChecked
            fractions += completion.fraction
        }
        let overall = modules.isEmpty ? 0 : fractions / Double(modules.count)
        let barWidth = width >= 70 ? 16 : (width >= 50 ? 10 : 6)
        drawBar(&screen, fraction: overall, row: row, column: 1, width: barWidth)
        let parts = [
            percent(overall), "\(complete)/\(modules.count) modules klaar", "\(videosDone)/\(videos) video's", "\(stepsDone)/\(steps) stappen",
        ]
        var shown = parts
        while TextLayout.width(shown.joined(separator: " · ")) > width - barWidth - 3, shown.count > 2 { shown.removeLast() }
        screen.write(TextLayout.truncate(shown.joined(separator: " · "), to: width - barWidth - 3), row: row, column: barWidth + 2)
    }

    private func drawContinueRow(_ screen: inout Screen, _ target: ContinueTarget, row: Int, isSelected: Bool) {
        let library = state.library
        var text = target.isResume ? "▶ Verder waar je was: " : "▶ Begin hier: "
        let module = library.module(id: target.moduleID)
        switch target.place {
        case let .video(videoID, _, at):
            let title = library.video(id: videoID).map { state.text($0.title) } ?? videoID
            text += "\(module.map(moduleLabel) ?? "") › \(title)" + (at > 0 ? " (\(Clock.text(at)))" : "")
        case let .step(stepID, _, _):
            let title = library.step(id: stepID).map { state.text($0.title) } ?? stepID
            text += "\(module.map(moduleLabel) ?? "") › \(title)"
        case .module:
            text += module.map(moduleLabel) ?? target.moduleID
        }
        let style = CellStyle(foreground: .cyan, isBold: true)
        if isSelected { screen.fill(row: row, style: style.selected) }
        screen.write(TextLayout.truncate(text, to: width - 2), row: row, column: 1, style: isSelected ? style.selected : style)
    }

    private func drawModuleRow(_ screen: inout Screen, _ index: Int, row: Int, numberWidth: Int, isSelected: Bool) {
        let module = state.library.modules[index]
        let completion = state.completions[index]
        let base: CellStyle = isSelected ? .reversed : .plain
        if isSelected { screen.fill(row: row, style: base) }
        let barWidth = width >= 70 ? 12 : (width >= 56 ? 8 : 0)
        let tail = 1 + 4 + 2 + (barWidth > 0 ? barWidth + 1 : 0)
        let number = TextLayout.padLeft(String(module.number), to: numberWidth)
        let titleWidth = width - 2 - numberWidth - 1 - tail
        screen.write(number, row: row, column: 1, style: isSelected ? base : .dim)
        screen.write(TextLayout.truncate(state.text(module.title), to: titleWidth), row: row, column: 2 + numberWidth, style: base)
        var column = width - tail
        if barWidth > 0 {
            drawBar(&screen, fraction: completion.fraction, row: row, column: column, width: barWidth)
            column += barWidth + 1
        }
        var percentStyle = base
        if !completion.isStarted { percentStyle.isDim = true }
        screen.write(TextLayout.padLeft(percent(completion.fraction), to: 4), row: row, column: column, style: percentStyle)
        if completion.isComplete {
            var mark = base
            mark.foreground = .green
            mark.isBold = true
            screen.write("✓", row: row, column: column + 5, style: mark)
        }
    }
}
