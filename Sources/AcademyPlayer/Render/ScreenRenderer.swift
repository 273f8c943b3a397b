import AcademyContent
import AcademyProgress

/// Draws a ``PlayerState`` as a ``Screen``: the screen showing, its footer, and the help overlay.
struct ScreenRenderer {
    let state: PlayerState
    let size: TerminalSize

    func render() -> Screen {
        var screen = Screen(size: size)
        guard size.isUsable else {
            drawTooSmall(&screen)
            return screen
        }
        switch state.route {
        case .catalog: drawCatalog(&screen)
        case let .module(module): drawModule(&screen, module)
        case let .video(video): drawVideo(&screen, video)
        case let .stepPlan(plan): drawStepPlan(&screen, plan)
        }
        drawFooter(&screen)
        if state.isHelpShown { drawHelp(&screen) }
        return screen
    }

    var width: Int { size.columns }
    var height: Int { size.rows }

    // MARK: - Shared parts

    /// The bar at the top: a title on the left and a note on the right.
    func drawHeader(_ screen: inout Screen, _ title: String, right: String = "") {
        screen.fill(row: 0, style: .header)
        // The title first; the note on the right gets what is left (at least a third when both are long).
        let available = width - 2
        let wanted = right.isEmpty ? 0 : TextLayout.width(right) + 2
        let rightWidth = TextLayout.width(title) + wanted <= available ? wanted : min(wanted, max(available - TextLayout.width(title), available / 3))
        screen.write(TextLayout.truncate(title, to: available - rightWidth), row: 0, column: 1, style: .header)
        if rightWidth > 2 {
            let shown = TextLayout.truncate(right, to: rightWidth - 2)
            screen.write(shown, row: 0, column: width - TextLayout.width(shown) - 1, style: .header)
        }
    }

    /// The last row: the message, if there is one, else the screen's keys.
    func drawFooter(_ screen: inout Screen) {
        let row = height - 1
        if let message = state.message {
            // A long message (a path to a kept file) takes up to three rows, above the footer's.
            let style = message.kind == .error ? CellStyle(foreground: .red, isBold: true) : CellStyle(foreground: .cyan)
            var lines = TextLayout.wrap(message.text, width: width - 2)
            if lines.count > 3 {
                lines = Array(lines.prefix(3))
                lines[2] = TextLayout.truncate(lines[2] + " …", to: width - 2)
            }
            for (offset, line) in lines.enumerated() {
                let messageRow = row - (lines.count - 1) + offset
                screen.fill(row: messageRow, style: .plain)
                screen.write(line, row: messageRow, column: 1, style: style)
            }
            return
        }
        // Events waiting for the server show on the right, before any hint.
        var available = width - 2
        if let note = state.syncNote {
            let shown = TextLayout.truncate(note, to: max(1, width - 2))
            let noteWidth = TextLayout.width(shown)
            screen.write(shown, row: row, column: width - 1 - noteWidth, style: CellStyle(foreground: .yellow, isBold: true))
            available = width - 2 - noteWidth - 3
            guard available > 0 else { return }
        }
        // The last two hints ("q …", "? hulp") always show; others go from the end when space is short.
        var hints = HelpText.footer(for: state.route)
        while TextLayout.width(hints.joined(separator: " · ")) > available, hints.count > 2 {
            hints.remove(at: hints.count - 3)
        }
        screen.write(TextLayout.truncate(hints.joined(separator: " · "), to: available), row: row, column: 1, style: .dim)
    }

    /// A progress bar of `width` cells: filled in green, the rest dim.
    func drawBar(_ screen: inout Screen, fraction: Double, row: Int, column: Int, width: Int) {
        guard width > 0 else { return }
        let filled = Int((min(1, max(0, fraction)) * Double(width)).rounded(.down))
        screen.write(String(repeating: "█", count: filled), row: row, column: column, style: CellStyle(foreground: .green))
        screen.write(String(repeating: "░", count: width - filled), row: row, column: column + filled, style: .dim)
    }

    /// A fraction as a percentage; 100% only when it is 1 (complete).
    func percent(_ fraction: Double) -> String {
        "\(Int((min(1, max(0, fraction)) * 100).rounded(.down)))%"
    }

    /// The rows of a list of `count` items to show in `height` rows, keeping `selection` in view
    /// (near the middle once the list scrolls).
    func visibleRange(count: Int, selection: Int, height: Int) -> Range<Int> {
        guard count > height, height > 0 else { return 0..<min(count, max(0, height)) }
        let start = min(max(0, selection - height / 2), count - height)
        return start..<(start + height)
    }

    /// Writes wrapped lines from `row`, at most `limit` of them; the last shown ends in "…" when cut.
    /// Returns the rows used.
    @discardableResult
    func drawWrapped(_ screen: inout Screen, _ text: String, row: Int, column: Int = 1, limit: Int, style: CellStyle = .plain) -> Int {
        guard limit > 0 else { return 0 }
        let lineWidth = width - column - 1
        var lines = TextLayout.wrap(text, width: lineWidth)
        if lines.count > limit {
            lines = Array(lines.prefix(limit))
            lines[limit - 1] = TextLayout.truncate(lines[limit - 1] + " …", to: lineWidth)
            if !lines[limit - 1].hasSuffix("…") { lines[limit - 1] += "…" }
        }
        for (offset, line) in lines.enumerated() {
            screen.write(line, row: row + offset, column: column, width: lineWidth, style: style)
        }
        return lines.count
    }

    /// A thin line across the screen.
    func drawRule(_ screen: inout Screen, row: Int, label: String = "") {
        let text = label.isEmpty ? String(repeating: "─", count: width) : "── \(label) " + String(repeating: "─", count: width)
        screen.write(text, row: row, column: 0, style: .dim)
    }

    /// "5 De bordsessie: opbouw en rollen".
    func moduleLabel(_ module: Module) -> String {
        "\(module.number) \(state.text(module.title))"
    }

    private func drawTooSmall(_ screen: inout Screen) {
        let lines = [
            "Terminal te klein", "(terminal too small)",
            "minimaal \(TerminalSize.minimum.columns)x\(TerminalSize.minimum.rows), nu \(width)x\(height)",
            "Maak het venster groter of druk q.",
        ]
        let wrapped = lines.flatMap { TextLayout.wrap($0, width: max(1, width)) }
        let top = max(0, (height - wrapped.count) / 2)
        for (offset, line) in wrapped.prefix(height).enumerated() {
            let column = max(0, (width - TextLayout.width(line)) / 2)
            screen.write(line, row: top + offset, column: column, style: offset == 0 ? .bold : .plain)
        }
    }
}
