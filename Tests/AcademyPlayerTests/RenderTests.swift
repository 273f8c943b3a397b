import AcademyContent
import AcademyProgress
import Foundation
import Testing

@testable import AcademyPlayer

@Suite("Rendering at every size")
struct RenderTests {
    static let sizes = [
        TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 40, rows: 12), TerminalSize(columns: 100, rows: 30),
        TerminalSize(columns: 200, rows: 60), TerminalSize(columns: 41, rows: 13),
    ]

    /// Checks what every screen must hold: the size, a header and a footer, no control characters.
    func checkFrame(_ screen: Screen, _ label: String) {
        #expect(screen.cells.count == screen.size.columns * screen.size.rows, "\(label)")
        #expect(!screen.line(0).isEmpty, "\(label): header")
        #expect(!screen.line(screen.size.rows - 1).isEmpty, "\(label): footer")
        for cell in screen.cells {
            #expect(!cell.character.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "\(label)")
        }
        for row in 0..<screen.size.rows {
            #expect(TextLayout.width(screen.line(row)) <= screen.size.columns, "\(label): row \(row) fits")
        }
    }

    /// Every screen of a library (catalog, each module, video and step plan, and their help) at `size`.
    func everyScreen(_ library: ContentLibrary, size: TerminalSize, body: (Screen, String) -> Void) {
        var driver = Driver(library: library, size: size)
        body(driver.screen, "catalog \(size)")
        driver.press(.character("?"))
        body(driver.screen, "catalog help \(size)")
        for module in library.modules {
            var driver = Driver(library: library, size: size, moduleID: module.id)
            body(driver.screen, "module \(module.id) \(size)")
            driver.press(.character("?"))
            body(driver.screen, "module help \(size)")
            driver.press(.escape)
            for index in module.videos.indices {
                driver.press(.home)
                for _ in 0..<index { driver.press(.down) }
                driver.press(.enter)
                driver.wait(3, step: 1)
                body(driver.screen, "video \(module.videos[index].id) \(size)")
                driver.press(.character("t"))
                body(driver.screen, "transcript \(module.videos[index].id) \(size)")
                driver.press(.character("?"))
                body(driver.screen, "video help \(size)")
                driver.press(.escape, .escape)
            }
            for index in module.stepPlans.indices {
                driver.press(.home)
                for _ in 0..<(module.videos.count + index) { driver.press(.down) }
                driver.press(.enter)
                body(driver.screen, "step plan \(module.stepPlans[index].id) \(size)")
                driver.press(.end)
                body(driver.screen, "step plan end \(module.stepPlans[index].id) \(size)")
                driver.press(.character("?"))
                body(driver.screen, "step plan help \(size)")
                driver.press(.escape, .escape)
            }
        }
    }

    @Test("Every screen of the test academy draws a full frame at 80x24, 40x12 and larger", arguments: sizes)
    func fixtureScreens(size: TerminalSize) {
        everyScreen(Fixture.library, size: size) { screen, label in checkFrame(screen, label) }
    }

    @Test("Every screen of the bundled academy (20 modules, 100 videos) draws at 80x24 and 40x12")
    func bundledScreens() async throws {
        let library = try await Fixture.bundledLibrary()
        for size in [TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 40, rows: 12)] {
            everyScreen(library, size: size) { screen, label in checkFrame(screen, label) }
        }
    }

    @Test("At 40x12 the screens keep what matters: titles, the list, bars, the position and the keys")
    func smallest() {
        let size = TerminalSize(columns: 40, rows: 12)
        var driver = Driver(size: size)
        var lines = driver.screen.lines
        #expect(lines[0].contains("Testacademie"))
        #expect(lines.contains { $0.contains("1 Eerste module") })
        #expect(lines.contains { $0.contains("0%") })
        #expect(lines[11].contains("q stop") && lines[11].contains("? hulp"))

        driver.press(.down, .enter)
        lines = driver.screen.lines
        #expect(lines[0].contains("Module 1"))
        #expect(lines.contains { $0.contains("▶ Waarom samen leren?") })
        #expect(lines.contains { $0.contains("☐ Aan de slag") })

        driver.press(.enter)
        driver.wait(2)
        lines = driver.screen.lines
        #expect(lines[10].contains("▶ 0:02") && lines[10].contains("1:00"))
        #expect(lines.contains { $0.contains("Hallo allemaal.") })
        #expect(lines[11].contains("q terug") && lines[11].contains("? hulp"))

        driver.press(.escape, .end, .enter)
        lines = driver.screen.lines
        #expect(lines.contains { $0.contains("[ ] 1. Kies een vast") })
        #expect(lines[11].contains("? hulp"))
    }

    @Test(
        "Below 40x12 a clear 'terminal too small' message; any size at all draws",
        arguments: [
            TerminalSize(columns: 39, rows: 12), TerminalSize(columns: 40, rows: 11), TerminalSize(columns: 30, rows: 8),
            TerminalSize(columns: 12, rows: 3), TerminalSize(columns: 1, rows: 1), TerminalSize(columns: 0, rows: 0),
        ]
    )
    func tooSmall(size: TerminalSize) {
        let driver = Driver(size: size)
        let screen = driver.screen
        #expect(screen.size == size)
        if size.rows >= 4, size.columns >= 20 {
            #expect(screen.text.contains("Terminal te klein"))
            #expect(screen.text.contains("\(size.columns)x\(size.rows)"))
        }
    }

    @Test("Help lists every key of the screen at 80x24, in a box")
    func helpBox() {
        var driver = Driver()
        driver.press(.character("?"))
        let text = driver.text
        #expect(text.contains("┌─ Toetsen: overzicht"))
        #expect(text.contains("een toets sluit (any key closes)"))
        for entry in HelpText.entries(for: .catalog) {
            #expect(text.contains(entry.keys) && text.contains(entry.action), "\(entry.keys)")
        }
    }

    @Test("Content cannot send escape codes: control characters are drawn as spaces")
    func controlCharacters() {
        var screen = Screen(size: TerminalSize(columns: 20, rows: 1))
        screen.write("a\u{1B}[31mb\u{07}c\u{9B}d", row: 0, column: 0)
        #expect(screen.line(0) == "a [31mb c d")
    }

    @Test("Wide characters take two cells; cut text ends in an ellipsis at the right width")
    func wideCharacters() {
        var screen = Screen(size: TerminalSize(columns: 6, rows: 1))
        #expect(screen.write("学习😀x", row: 0, column: 0) == 6)
        #expect(screen.line(0) == "学习😀")
        #expect(screen[0, 1].isContinuation)
        #expect(!screen[0, 2].isContinuation)
        screen.write("ab", row: 0, column: 1)
        #expect(screen.line(0) == " ab 😀", "overwriting half of a wide character clears the other half")
        #expect(TextLayout.truncate("De bordsessie: opbouw en rollen", to: 12) == "De bordsess…")
        #expect(TextLayout.width(TextLayout.truncate("学习学习学习", to: 7)) <= 7)
        #expect(TextLayout.truncate("kort", to: 10) == "kort")
    }

    @Test("Wrapping breaks at spaces, keeps paragraphs, and breaks words longer than a line")
    func wrapping() {
        #expect(TextLayout.wrap("een twee drie vier", width: 9) == ["een twee", "drie vier"])
        #expect(TextLayout.wrap("een\n\ntwee", width: 9) == ["een", "", "twee"])
        #expect(TextLayout.wrap("leerlinggerelateerde doelen", width: 10) == ["leerlingge", "relateerde", "doelen"])
        #expect(TextLayout.wrap("", width: 5) == [""])
        #expect(TextLayout.wrap("x", width: 0) == [])
    }

    @Test("Search folds case and accents")
    func searchFolding() {
        #expect(SearchText.fold("Creëer HÉT Bord") == "creeer het bord")
        #expect(SearchText.fold("cre\u{0065}\u{0308}er") == "creeer")
    }
}
