import Testing

@testable import AcademyPlayer

@Suite("Key decoding")
struct KeyDecoderTests {
    func keys(_ text: String) -> [Key] {
        var decoder = KeyDecoder()
        return decoder.decode(Array(text.utf8)) + decoder.flush()
    }

    func keys(_ bytes: [UInt8]) -> [Key] {
        var decoder = KeyDecoder()
        return decoder.decode(bytes) + decoder.flush()
    }

    @Test("Arrow keys in both encodings: ESC [ A (normal) and ESC O A (application mode)")
    func arrows() {
        #expect(keys("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D") == [.up, .down, .right, .left])
        #expect(keys("\u{1B}OA\u{1B}OB\u{1B}OC\u{1B}OD") == [.up, .down, .right, .left])
        #expect(keys("\u{1B}[1;5A\u{1B}[1;2D") == [.up, .left], "with modifiers (Ctrl, Shift) they are still arrows")
    }

    @Test("Home and End in every form; Page Up and Down; Delete; Shift-Tab; function keys")
    func editingKeys() {
        #expect(keys("\u{1B}[H\u{1B}OH\u{1B}[1~\u{1B}[7~") == [.home, .home, .home, .home])
        #expect(keys("\u{1B}[F\u{1B}OF\u{1B}[4~\u{1B}[8~") == [.end, .end, .end, .end])
        #expect(keys("\u{1B}[5~\u{1B}[6~") == [.pageUp, .pageDown])
        #expect(keys("\u{1B}[3~\u{1B}[Z") == [.delete, .backTab])
        #expect(keys("\u{1B}OP\u{1B}[15~\u{1B}[24~") == [.function(1), .function(5), .function(12)])
    }

    @Test("Enter (CR or LF, and keypad Enter), Tab, Backspace (DEL or BS), Ctrl-C and other control keys")
    func controlKeys() {
        #expect(keys("\r\n\u{1B}OM") == [.enter, .enter, .enter])
        #expect(keys("\t\u{7F}\u{08}") == [.tab, .backspace, .backspace])
        #expect(keys([0x03]) == [.interrupt])
        #expect(keys([0x03]) == [.control("c")])
        #expect(keys([0x15, 0x1A, 0x01]) == [.control("u"), .control("z"), .control("a")])
        #expect(keys([0x00, 0x1C, 0x1D, 0x1E, 0x1F]).isEmpty)
    }

    @Test("Escape alone is the Escape key once nothing follows; ESC ESC is one Escape then more")
    func escape() {
        var decoder = KeyDecoder()
        #expect(decoder.decode([0x1B]).isEmpty)
        #expect(decoder.hasPending)
        #expect(decoder.flush() == [.escape])
        #expect(!decoder.hasPending)
        #expect(keys([0x1B, 0x1B]) == [.escape, .escape])
        #expect(keys("\u{1B}\u{1B}[A") == [.escape, .up])
        #expect(keys("\u{1B}q") == [.escape, .character("q")], "Escape and q sent together are both kept")
        #expect(keys([0x1B, 0x0D]) == [.escape, .enter])
    }

    @Test("A sequence split over reads is put together")
    func splitReads() {
        var decoder = KeyDecoder()
        #expect(decoder.decode([0x1B]).isEmpty)
        #expect(decoder.decode([0x5B]).isEmpty)
        #expect(decoder.decode([0x41, 0x71]) == [.up, .character("q")])
        #expect(decoder.decode([0x1B, 0x5B, 0x35]).isEmpty)
        #expect(decoder.decode([0x7E]) == [.pageUp])
        #expect(decoder.decode([0xC3]).isEmpty)
        #expect(decoder.decode([0xA9]) == [.character("é")])
        #expect(decoder.decode([0xF0, 0x9F]).isEmpty)
        #expect(decoder.decode([0x98, 0x80]) == [.character("😀")])
    }

    @Test("UTF-8 text: accented letters, other scripts, emoji")
    func utf8() {
        #expect(keys("aé€😀ë") == [.character("a"), .character("é"), .character("€"), .character("😀"), .character("ë")])
    }

    @Test("Bytes that are not UTF-8 are dropped, and what follows is read normally")
    func invalidUTF8() {
        #expect(keys([0xFF, 0x61]) == [.character("a")])
        #expect(keys([0xC3, 0x28]) == [.character("(")], "a lead byte without its continuation")
        #expect(keys([0x80, 0xBF, 0x62]) == [.character("b")], "stray continuation bytes")
        #expect(keys([0xC0, 0xAF, 0x63]) == [.character("c")], "an overlong encoding")
        #expect(keys([0xED, 0xA0, 0x80, 0x64]) == [.character("d")], "a surrogate")
        #expect(keys([0xF4, 0x90, 0x80, 0x80, 0x65]) == [.character("e")], "past U+10FFFF")
        #expect(keys([0xE2, 0x82]) == [], "cut off at the end: dropped on flush")
        #expect(keys([0xC2, 0x85, 0x66]) == [.character("f")], "a C1 control character")
    }

    @Test("Unknown escape sequences are skipped whole; garbage never becomes a key it is not")
    func unknownSequences() {
        #expect(keys("\u{1B}[99~x") == [.character("x")])
        #expect(keys("\u{1B}[?1;2cy") == [.character("y")], "a terminal's answer to a query")
        #expect(keys("\u{1B}[<0;12;5Mz") == [.character("z")], "an SGR mouse report")
        #expect(keys("\u{1B}[M !!w") == [.character("w")], "an X10 mouse report")
        #expect(keys("\u{1B}[200~") == [], "a paste bracket")
        #expect(keys("\u{1B}OZv") == [.character("v")])
        #expect(keys("\u{1B}[12\u{03}") == [.interrupt], "a sequence cut by Ctrl-C: the Ctrl-C counts")
        let long = "\u{1B}[" + String(repeating: "1;", count: 40) + "Aq"
        #expect(keys(long) == [.character("q")], "an overlong sequence is dropped whole")
    }

    @Test("Any bytes at all decode without crashing, and the decoder empties")
    func fuzz() {
        var generator = SplitMix(seed: 42)
        for _ in 0..<2000 {
            var decoder = KeyDecoder()
            let count = Int(generator.next() % 40)
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            var cut = Int(generator.next() % UInt64(max(1, count)))
            cut = min(cut, count)
            _ = decoder.decode(bytes[..<cut])
            _ = decoder.decode(bytes[cut...])
            _ = decoder.flush()
            #expect(!decoder.hasPending)
        }
    }
}

/// A small deterministic random number generator for the fuzz test.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
