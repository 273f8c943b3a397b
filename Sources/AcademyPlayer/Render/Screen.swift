/// A colour of the terminal's palette (SGR 30-37).
public enum TerminalColor: UInt8, Sendable, Hashable {
    case black = 0
    case red, green, yellow, blue, magenta, cyan, white
}

/// How a cell looks: colours and attributes. Without colours (`NO_COLOR`) only the attributes are written.
public struct CellStyle: Sendable, Hashable {
    /// The text colour, or the terminal's default.
    public var foreground: TerminalColor?
    /// Bold.
    public var isBold = false
    /// Dim (faint).
    public var isDim = false
    /// Reversed colours: selections and bars.
    public var isReversed = false
    /// Underlined.
    public var isUnderlined = false

    /// Creates a style.
    public init(foreground: TerminalColor? = nil, isBold: Bool = false, isDim: Bool = false, isReversed: Bool = false, isUnderlined: Bool = false) {
        self.foreground = foreground
        self.isBold = isBold
        self.isDim = isDim
        self.isReversed = isReversed
        self.isUnderlined = isUnderlined
    }

    /// The terminal's default look.
    public static let plain = CellStyle()
    /// Bold.
    public static let bold = CellStyle(isBold: true)
    /// Dim, for what matters less.
    public static let dim = CellStyle(isDim: true)
    /// Reversed, for selections.
    public static let reversed = CellStyle(isReversed: true)
    /// The header bar.
    public static let header = CellStyle(isBold: true, isReversed: true)

    /// This style, reversed (a selected row).
    public var selected: CellStyle {
        var style = self
        style.isReversed = true
        return style
    }
}

/// One character cell: a character and its style. A wide character (such as an emoji) fills its
/// cell and the next, which is marked as its continuation.
public struct Cell: Sendable, Hashable {
    /// The character.
    public var character: Character
    /// The style.
    public var style: CellStyle
    /// Whether this cell is the right half of the wide character before it.
    public var isContinuation: Bool

    /// Creates a cell.
    public init(_ character: Character, style: CellStyle = .plain, isContinuation: Bool = false) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
    }

    /// An empty cell.
    public static let blank = Cell(" ")
}

/// A full terminal screen of styled cells, as the core renders it and the backend draws it.
public struct Screen: Sendable, Hashable {
    /// The size.
    public let size: TerminalSize
    /// The cells, row by row.
    public private(set) var cells: [Cell]

    /// A blank screen.
    public init(size: TerminalSize) {
        self.size = TerminalSize(columns: max(0, size.columns), rows: max(0, size.rows))
        self.cells = Array(repeating: .blank, count: self.size.columns * self.size.rows)
    }

    /// The cell at a row and column (from 0).
    public subscript(row: Int, column: Int) -> Cell {
        get { cells[row * size.columns + column] }
        set { cells[row * size.columns + column] = newValue }
    }

    /// The text of one row, without trailing spaces.
    public func line(_ row: Int) -> String {
        guard row >= 0, row < size.rows else { return "" }
        var text = ""
        for column in 0..<size.columns {
            let cell = self[row, column]
            if !cell.isContinuation { text.append(cell.character) }
        }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// Every row's text, for tests and plain output.
    public var lines: [String] { (0..<size.rows).map(line) }

    /// The whole screen as text, one line per row.
    public var text: String { lines.joined(separator: "\n") }

    /// Writes `text` from a row and column, cut at `width` columns (or the screen's edge); returns
    /// the columns used. Control characters are drawn as spaces, so content cannot send escape codes.
    @discardableResult
    public mutating func write(_ text: String, row: Int, column: Int, width: Int? = nil, style: CellStyle = .plain) -> Int {
        guard row >= 0, row < size.rows, column >= 0, column < size.columns else { return 0 }
        let limit = min(size.columns, column + (width ?? size.columns))
        var x = column
        for character in text {
            let shown = TextLayout.displayable(character)
            let cellWidth = TextLayout.width(of: shown)
            if cellWidth == 0 { continue }
            guard x + cellWidth <= limit else { break }
            put(Cell(shown, style: style), width: cellWidth, row: row, column: x)
            x += cellWidth
        }
        return x - column
    }

    /// Paints `width` cells (default: to the edge) from a row and column with spaces in `style`.
    public mutating func fill(row: Int, column: Int = 0, width: Int? = nil, style: CellStyle) {
        guard row >= 0, row < size.rows, column >= 0 else { return }
        let end = min(size.columns, column + (width ?? size.columns))
        guard column < end else { return }
        for x in column..<end { put(Cell(" ", style: style), width: 1, row: row, column: x) }
    }

    /// Puts a cell (and, for a wide character, its continuation); overwriting half of a wide
    /// character blanks its other half, as a terminal does.
    private mutating func put(_ cell: Cell, width: Int, row: Int, column: Int) {
        if self[row, column].isContinuation, column > 0 { self[row, column - 1] = Cell(" ", style: self[row, column - 1].style) }
        let after = column + width
        if after < size.columns, self[row, after].isContinuation { self[row, after] = Cell(" ", style: self[row, after].style) }
        self[row, column] = cell
        if width == 2 { self[row, column + 1] = Cell(" ", style: cell.style, isContinuation: true) }
    }

    /// Changes the style of the cells in a row range, keeping their characters.
    public mutating func restyle(row: Int, column: Int = 0, width: Int? = nil, _ change: (inout CellStyle) -> Void) {
        guard row >= 0, row < size.rows, column >= 0 else { return }
        let end = min(size.columns, column + (width ?? size.columns))
        guard column < end else { return }
        for x in column..<end { change(&self[row, x].style) }
    }
}
