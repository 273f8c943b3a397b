import AcademyContent
import AcademyXML
import Testing

@Suite("Reading WebVTT")
struct WebVTTParserTests {
    private func parse(_ text: String) -> WebVTTParser.Result {
        WebVTTParser.parse(bytes: Array(text.utf8), path: "t.vtt")
    }

    @Test("Header, identifiers, NOTE and STYLE blocks, settings, multi-line payloads")
    func fullFile() throws {
        let result = parse(
            """
            WEBVTT - Een titel
            Kind: captions

            STYLE
            ::cue { color: yellow }

            NOTE dit is commentaar
            over twee regels

            intro
            00:01.000 --> 00:04.000 align:start line:0
            <v Anna>Hallo</v> &amp; welkom
            tweede regel

            01:00:05.500 --> 01:00:07.000
            Later
            """
        )
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let file = try #require(result.file)
        #expect(file.cues.count == 2)
        #expect(file.cues[0].identifier == "intro")
        #expect(file.cues[0].start.milliseconds == 1000)
        #expect(file.cues[0].settings == "align:start line:0")
        #expect(file.cues[0].text == "<v Anna>Hallo</v> &amp; welkom\ntweede regel")
        #expect(file.cues[0].plainText == "Hallo & welkom\ntweede regel")
        #expect(file.metrics[0] == CueMetrics(lines: 2, longestLine: 14, characters: 26))
        #expect(file.cues[1].start.milliseconds == 3_605_500)
        #expect(file.cueLines == [11, 15])
    }

    @Test("CRLF and CR line endings and a byte order mark")
    func lineEndings() throws {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes += Array("WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nEen\r\nTwee\r\n\r00:03.000 --> 00:04.000\rDrie".utf8)
        let result = WebVTTParser.parse(bytes: bytes, path: "crlf.vtt")
        #expect(result.diagnostics.isEmpty)
        let file = try #require(result.file)
        #expect(file.cues.map(\.text) == ["Een\nTwee", "Drie"])
        #expect(file.metrics[0].lines == 2)
        #expect(file.cueLines == [3, 7])
    }

    @Test("Bad input: each problem its code and line", arguments: [
        ("00:01.000 --> 00:02.000\nHallo", "V001", 1),
        ("WEBVTTX\n\n00:01.000 --> 00:02.000\nHallo", "V001", 1),
        ("WEBVTT\n\n00:01.00 --> 00:02.000\nHallo", "V002", 3),
        ("WEBVTT\n\n00:61.000 --> 00:62.000\nHallo", "V002", 3),
        ("WEBVTT\n\n00:01.000 -> 00:02.000\nHallo", "V002", 3),
        ("WEBVTT\n\nzomaar tekst\nzonder tijden", "V002", 3),
        ("WEBVTT\n\n00:01.000 --> 00:02.000\nHallo\n00:03.000 --> 00:04.000\nDaar", "V002", 5),
        ("WEBVTT\n\n00:02.000 --> 00:01.000\nHallo", "V003", 3),
        ("WEBVTT\n\n00:05.000 --> 00:06.000\nA\n\n00:01.000 --> 00:02.000\nB", "V004", 6),
        ("WEBVTT\n\n00:01.000 --> 00:02.000 kleur:rood\nHallo", "V007", 3),
        ("WEBVTT\n\n00:01.000 --> 00:02.000 align:midden\nHallo", "V007", 3),
        ("WEBVTT\n\n00:01.000 --> 00:02.000\n ", "V011", 3),
    ])
    func badInput(text: String, code: String, line: Int) throws {
        let result = parse(text)
        #expect(result.diagnostics.map(\.code) == [code], "\(result.diagnostics)")
        #expect(result.diagnostics.first?.location.line == line)
    }

    @Test("Bytes that are not UTF-8 are V012 at their line")
    func notUTF8() {
        let bytes = Array("WEBVTT\n\n00:01.000 --> 00:02.000\n".utf8) + [0x63, 0x61, 0x66, 0xE9] + Array("\n".utf8)
        let result = WebVTTParser.parse(bytes: bytes, path: "latin1.vtt")
        #expect(result.diagnostics.map(\.code) == ["V012"])
        #expect(result.diagnostics.first?.location.line == 4)
        #expect(result.file == nil)
    }

    @Test("Captions rules: cue length, lines, line length, reading speed, the video's end")
    func captionRules() throws {
        let file = try #require(
            parse(
                """
                WEBVTT

                00:00.000 --> 00:00.500
                Kort

                00:01.000 --> 00:09.000
                Lang

                00:10.000 --> 00:12.000
                een
                twee
                drie

                00:13.000 --> 00:16.000
                Deze regel is veel langer dan tweeënveertig tekens

                00:17.000 --> 00:18.000
                Veel te veel tekst voor één seconde

                00:19.000 --> 00:21.000
                Na het einde
                """
            ).file
        )
        let diagnostics = TextTrackRules.check(file, kind: .captions, duration: MediaDuration(milliseconds: 20_000), path: "t.vtt")
        let found = diagnostics.map { "\($0.code)@\($0.location.line!)" }
        #expect(found == ["V008@3", "V008@6", "V009@9", "V009@14", "V010@17", "V005@20"])
    }

    @Test("Chapters must not overlap; an empty file has no cues")
    func chapterRules() throws {
        let file = try #require(parse("WEBVTT\n\n00:00.000 --> 00:10.000\nA\n\n00:09.000 --> 00:20.000\nB").file)
        let diagnostics = TextTrackRules.check(file, kind: .chapters, duration: nil, path: "c.vtt")
        #expect(diagnostics.map(\.code) == ["V006"])
        let empty = try #require(parse("WEBVTT\n").file)
        #expect(TextTrackRules.check(empty, kind: .captions, duration: nil, path: "e.vtt").map(\.code) == ["V011"])
    }

    @Test("'-->' is found only as an arrow: '>' alone or after one dash is cue text, an arrow in text or an identifier is an error")
    func arrowsAmongOtherGreaterThanSigns() throws {
        let text = """
            WEBVTT

            00:01.000 --> 00:02.000
            a > b -> c >> d
            00:03.000 --> 00:04.000
            -- > q

            id -->
            00:05.000 --> 00:06.000
            r
            """
        let result = parse(text)
        #expect(result.diagnostics.map { "\($0.code)@\($0.location.line!)" } == ["V002@5", "V002@8"])
        #expect(result.diagnostics.first?.message.hasPrefix("a cue's text cannot contain '-->'") == true)
        #expect(result.diagnostics.last?.message.hasPrefix("malformed cue timing 'id -->'") == true)
        let file = try #require(result.file)
        #expect(file.cues.map(\.start.milliseconds) == [1000, 3000])
        #expect(file.cues.map(\.text) == ["a > b -> c >> d", "-- > q"])
        #expect(file.cueLines == [3, 5])
    }

    @Test("Without text no cues are kept, but their times, lines and measurements are, and the diagnostics are the same")
    func withoutText() throws {
        let text = """
            WEBVTT

            intro
            00:01.000 --> 00:04.000 align:start
            <v Anna>Hallo &amp; welkom</v>
            tweede regel

            00:00.500 --> 00:00.400
            Eén te vroeg

            00:05.000 --> 00:06.000 kleur:rood
            \u{20}
            """
        let full = parse(text)
        let lean = WebVTTParser.parse(bytes: Array(text.utf8), path: "t.vtt", keepsText: false)
        #expect(lean.diagnostics == full.diagnostics)
        #expect(full.diagnostics.map { "\($0.code)@\($0.location.line!)" } == ["V003@8", "V004@8", "V007@11", "V011@11"])
        let fullFile = try #require(full.file)
        let leanFile = try #require(lean.file)
        #expect(leanFile.cueLines == fullFile.cueLines)
        #expect(leanFile.metrics == fullFile.metrics)
        #expect(leanFile.cueTimes == fullFile.cueTimes)
        #expect(fullFile.cueTimes == fullFile.cues.map { CueTimes(start: $0.start, end: $0.end) })
        #expect(fullFile.cues.map(\.settings) == ["align:start", "", "kleur:rood"])
        #expect(leanFile.cues.isEmpty, "a validation keeps no cues, only their lines, times and measurements")
        #expect(leanFile.cueCount == 3)
        #expect(fullFile.cues.first?.identifier == "intro")
    }
}
