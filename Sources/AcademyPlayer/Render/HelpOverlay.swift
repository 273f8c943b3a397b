extension ScreenRenderer {
    /// The `?` overlay: a box in the middle listing every key of the screen.
    func drawHelp(_ screen: inout Screen) {
        let entries = HelpText.entries(for: state.route)
        let keyWidth = min(16, entries.map { TextLayout.width($0.keys) }.max() ?? 0)
        let boxWidth = min(width - 2, max(30, keyWidth + 4 + (entries.map { TextLayout.width($0.action) }.max() ?? 0) + 4))
        let closing = "een toets sluit (any key closes)"
        let boxHeight = min(height - 2, entries.count + 4)
        let left = (width - boxWidth) / 2
        let top = max(1, (height - boxHeight) / 2)
        let border = CellStyle(foreground: .cyan, isBold: true)
        let inner = boxWidth - 2
        screen.write("┌" + String(repeating: "─", count: inner) + "┐", row: top, column: left, style: border)
        let title = " \(HelpText.title(for: state.route)) "
        screen.write(TextLayout.truncate(title, to: inner - 2), row: top, column: left + 2, style: border)
        for row in (top + 1)..<(top + boxHeight - 1) {
            screen.write("│", row: row, column: left, style: border)
            screen.fill(row: row, column: left + 1, width: inner, style: .plain)
            screen.write("│", row: row, column: left + inner + 1, style: border)
        }
        screen.write("└" + String(repeating: "─", count: inner) + "┘", row: top + boxHeight - 1, column: left, style: border)
        let shownEntries = boxHeight - 4
        for (offset, entry) in entries.prefix(max(0, shownEntries)).enumerated() {
            let row = top + 1 + offset
            screen.write(TextLayout.pad(entry.keys, to: keyWidth), row: row, column: left + 2, style: .bold)
            screen.write(TextLayout.truncate(entry.action, to: inner - keyWidth - 5), row: row, column: left + 4 + keyWidth)
        }
        if shownEntries < entries.count, shownEntries > 0 {
            screen.write(
                TextLayout.truncate("… (maak het venster groter voor alle toetsen)", to: inner - 2),
                row: top + boxHeight - 3,
                column: left + 2,
                style: .dim
            )
        }
        screen.write(TextLayout.truncate(closing, to: inner - 2), row: top + boxHeight - 2, column: left + 2, style: .dim)
    }
}
