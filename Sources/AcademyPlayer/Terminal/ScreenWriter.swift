/// Turns a new ``Screen`` into the bytes that make a terminal show it, writing only the cells that
/// differ from the screen before: cursor moves, style changes (SGR) and characters.
///
/// For example, when one cell changed, the output is one cursor move, its style, and that character.
public struct ScreenWriter: Sendable {
    /// Whether colours are written; without them (`NO_COLOR`), bold, dim, reverse and underline still are.
    public var usesColor: Bool

    /// Creates a writer.
    public init(usesColor: Bool) {
        self.usesColor = usesColor
    }

    /// The bytes that turn `previous` into `next` on the terminal. Without a previous screen (the
    /// first frame, or after a resize, when the terminal's content is unknown), the terminal is
    /// cleared and every cell that is not blank is written.
    public func update(from previous: Screen?, to next: Screen) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        let base: Screen
        if let previous, previous.size == next.size {
            base = previous
        } else {
            output += Array("\u{1B}[0m\u{1B}[H\u{1B}[2J".utf8)
            base = Screen(size: next.size)
        }
        var style = CellStyle.plain
        var cursor: (row: Int, column: Int)? = nil
        let columns = next.size.columns
        for row in 0..<next.size.rows {
            var column = 0
            while column < columns {
                let cell = next[row, column]
                let isWide = column + 1 < columns && next[row, column + 1].isContinuation
                let changed = cell != base[row, column] || (isWide && next[row, column + 1] != base[row, column + 1])
                guard changed, !cell.isContinuation else {
                    column += 1
                    continue
                }
                if cursor == nil || cursor! != (row, column) {
                    output += Array("\u{1B}[\(row + 1);\(column + 1)H".utf8)
                }
                if style != cell.style {
                    output += sgr(cell.style)
                    style = cell.style
                }
                output += Array(String(cell.character).utf8)
                let width = isWide ? 2 : 1
                column += width
                cursor = column < columns ? (row, column) : nil
            }
        }
        if style != .plain { output += Array("\u{1B}[0m".utf8) }
        return output
    }

    /// The select-graphic-rendition sequence for a style, from a reset.
    func sgr(_ style: CellStyle) -> [UInt8] {
        var codes = "\u{1B}[0"
        if style.isBold { codes += ";1" }
        if style.isDim { codes += ";2" }
        if style.isUnderlined { codes += ";4" }
        if style.isReversed { codes += ";7" }
        if usesColor, let color = style.foreground { codes += ";\(30 + Int(color.rawValue))" }
        return Array((codes + "m").utf8)
    }
}
