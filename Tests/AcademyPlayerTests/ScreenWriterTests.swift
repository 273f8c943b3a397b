import Testing

@testable import AcademyPlayer

@Suite("Redrawing only what changed")
struct ScreenWriterTests {
    let size = TerminalSize(columns: 10, rows: 3)
    let writer = ScreenWriter(usesColor: true)

    func screen(_ lines: [String], style: CellStyle = .plain) -> Screen {
        var screen = Screen(size: size)
        for (row, line) in lines.enumerated() { screen.write(line, row: row, column: 0, style: style) }
        return screen
    }

    func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test("The same screen again writes nothing")
    func unchanged() {
        let first = screen(["hallo", "wereld"])
        #expect(writer.update(from: first, to: first).isEmpty)
    }

    @Test("One changed cell: one cursor move and that character")
    func oneCell() {
        let first = screen(["hallo", "wereld"])
        let second = screen(["hallo", "wareld"])
        #expect(text(writer.update(from: first, to: second)) == "\u{1B}[2;2Ha")
    }

    @Test("Neighbouring changes share one cursor move; separate ones get their own")
    func runs() {
        let first = screen(["abcdefghij", "", ""])
        #expect(text(writer.update(from: first, to: screen(["aXYdefghij"]))) == "\u{1B}[1;2HXY")
        #expect(text(writer.update(from: first, to: screen(["Xbcdefghi!"]))) == "\u{1B}[1;1HX\u{1B}[1;10H!")
        #expect(text(writer.update(from: first, to: screen(["abcdefghij", "", "z"]))) == "\u{1B}[3;1Hz")
    }

    @Test("A style change writes its SGR, and the style is reset at the end")
    func styles() {
        let first = screen(["abc"])
        var second = first
        second.restyle(row: 0, column: 1, width: 1) { $0 = CellStyle(foreground: .green, isBold: true) }
        #expect(text(writer.update(from: first, to: second)) == "\u{1B}[1;2H\u{1B}[0;1;32mb\u{1B}[0m")
        let plainWriter = ScreenWriter(usesColor: false)
        #expect(text(plainWriter.update(from: first, to: second)) == "\u{1B}[1;2H\u{1B}[0;1mb\u{1B}[0m", "NO_COLOR: bold stays, the colour goes")
        var reversed = first
        reversed.restyle(row: 0) { $0 = .reversed }
        #expect(text(writer.update(from: first, to: reversed)).hasPrefix("\u{1B}[1;1H\u{1B}[0;7mabc"))
    }

    @Test("Without a previous screen (first frame, resize), it clears and writes only what is not blank")
    func fullRedraw() {
        let next = screen(["a", "", "  b"])
        #expect(text(writer.update(from: nil, to: next)) == "\u{1B}[0m\u{1B}[H\u{1B}[2J\u{1B}[1;1Ha\u{1B}[3;3Hb")
        let other = Screen(size: TerminalSize(columns: 5, rows: 2))
        #expect(text(writer.update(from: next, to: other)) == "\u{1B}[0m\u{1B}[H\u{1B}[2J", "a new size is a full redraw")
    }

    @Test("A wide character is written once; the cursor moves past both of its cells")
    func wide() {
        let first = screen(["ab cd"])
        let second = screen(["学 cd"])
        #expect(text(writer.update(from: first, to: second)) == "\u{1B}[1;1H学")
        let third = screen(["学 ce"])
        #expect(text(writer.update(from: second, to: third)) == "\u{1B}[1;5He")
    }

    @Test("Applying the bytes to a terminal turns the old screen into the new one, for many random changes")
    func emulated() {
        var generator = SplitMix(seed: 7)
        let size = TerminalSize(columns: 30, rows: 8)
        var terminal = VirtualTerminal(size: size)
        var previous: Screen?
        var current = Screen(size: size)
        let alphabet: [Character] = ["a", "b", " ", "é", "学", "█", "─", "x"]
        let styles: [CellStyle] = [.plain, .bold, .dim, .reversed, CellStyle(foreground: .green), .header]
        for _ in 0..<300 {
            for _ in 0..<Int(generator.next() % 6) {
                let row = Int(generator.next() % UInt64(size.rows))
                let column = Int(generator.next() % UInt64(size.columns))
                let length = Int(generator.next() % 8)
                let text = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
                current.write(text, row: row, column: column, style: styles[Int(generator.next() % UInt64(styles.count))])
            }
            let bytes = writer.update(from: previous, to: current)
            terminal.apply(bytes)
            #expect(terminal.screen.cells == current.cells)
            previous = current
        }
    }
}

/// Just enough of a terminal to check the writer: cursor moves, clear, SGR and UTF-8 characters.
struct VirtualTerminal {
    var screen: Screen
    var row = 0
    var column = 0
    var style = CellStyle.plain

    init(size: TerminalSize) {
        screen = Screen(size: size)
    }

    mutating func apply(_ bytes: [UInt8]) {
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x1B, index + 1 < bytes.count, bytes[index + 1] == 0x5B {
                var end = index + 2
                while !(0x40...0x7E).contains(bytes[end]) { end += 1 }
                let parameters = String(decoding: bytes[(index + 2)..<end], as: UTF8.self)
                let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
                switch bytes[end] {
                case 0x48:
                    row = max(1, numbers.first ?? 1) - 1
                    column = max(1, numbers.count > 1 ? numbers[1] : 1) - 1
                case 0x4A:
                    screen = Screen(size: screen.size)
                case 0x6D:
                    style = .plain
                    for number in numbers {
                        switch number {
                        case 1: style.isBold = true
                        case 2: style.isDim = true
                        case 4: style.isUnderlined = true
                        case 7: style.isReversed = true
                        case 30...37: style.foreground = TerminalColor(rawValue: UInt8(number - 30))
                        default: break
                        }
                    }
                default: break
                }
                index = end + 1
                continue
            }
            var length = 1
            if bytes[index] >= 0xF0 { length = 4 } else if bytes[index] >= 0xE0 { length = 3 } else if bytes[index] >= 0xC0 { length = 2 }
            let text = String(decoding: bytes[index..<(index + length)], as: UTF8.self)
            column += screen.write(text, row: row, column: column, style: style)
            index += length
        }
    }
}
