import AcademyContent
import AcademyXML
import Foundation
import Testing

/// Every bad input the validator must explain: one diagnostic with the right code at the right line.
@Suite("Validator fixtures")
struct FixtureTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var path: String
        var isTree: Bool
        var code: String?
        /// The file (relative to the fixture) the diagnostic is in.
        var file: String
        var line: Int?
        var severity: Diagnostic.Severity = .error
        var testDescription: String { "\(path) → \(code ?? "valid")" }
    }

    static func file(_ name: String, _ code: String?, line: Int?) -> Case {
        Case(path: name, isTree: false, code: code, file: name, line: line)
    }

    static func tree(_ name: String, _ code: String?, in file: String, line: Int?, severity: Diagnostic.Severity = .error) -> Case {
        Case(path: name, isTree: true, code: code, file: file, line: line, severity: severity)
    }

    static let cases: [Case] = [
        file("valid-module.xml", nil, line: nil),
        file("unclosed-tag.xml", "X001", line: 9),
        file("bad-attribute-quoting.xml", "X001", line: 7),
        file("stray-ampersand.xml", "X001", line: 5),
        file("wrong-namespace.xml", "X007", line: 2),
        file("unknown-element.xml", "S001", line: 10),
        file("missing-required-element.xml", "S001", line: 8),
        file("bad-duration.xml", "S001", line: 10),
        file("catalog-unknown-element.xml", "S001", line: 11),
        file("doctype-xxe.xml", "X002", line: 2),
        file("billion-laughs.xml", "X002", line: 2),
        file("quadratic-blowup.xml", "X002", line: 2),
        file("deep-nesting.xml", "X006", line: 3),
        file("latin1-declared-utf8.xml", "X004", line: 5),
        file("utf16-with-bom.xml", nil, line: nil),
        file("empty.xml", "X005", line: 1),
        tree("valid", nil, in: "", line: nil),
        tree("missing-catalog", "C006", in: "academy.xml", line: nil),
        tree("module-not-in-catalog", "C007", in: "academy.xml", line: 11),
        tree("catalog-entry-without-folder", "C008", in: "academy.xml", line: 14),
        tree("catalog-lists-module-twice", "C009", in: "academy.xml", line: 14),
        tree("duplicate-ids-across-modules", "C001", in: "02-twee/module.xml", line: 10),
        tree("see-unknown-video", "C003", in: "01-een/module.xml", line: 28),
        tree("see-past-duration", "C015", in: "01-een/module.xml", line: 28),
        tree("circular-requires", "C005", in: "01-een/module.xml", line: 2),
        tree("unknown-required-module", "C002", in: "01-een/module.xml", line: 10),
        tree("unknown-instrument", "C004", in: "01-een/module.xml", line: 7),
        tree("module-number-mismatch", "C013", in: "01-een/module.xml", line: 2),
        tree("empty-step-plan", "C011", in: "01-een/module.xml", line: 21),
        tree("completion-asks-too-many-videos", "C022", in: "01-een/module.xml", line: 31),
        tree("missing-translation", "C010", in: "01-een/module.xml", line: 2, severity: .warning),
        tree("title-twice-in-a-language", "C019", in: "01-een/module.xml", line: 13),
        tree("track-lists-module-twice", "C001", in: "academy.xml", line: 20),
        tree("video-too-long", "C012", in: "01-een/module.xml", line: 10, severity: .warning),
        tree("module-file-is-directory", "F002", in: "02-twee/module.xml", line: nil),
        tree("caption-file-missing", "F001", in: "01-een/module.xml", line: 18),
        tree("symlink-outside-root", "C016", in: "01-een/module.xml", line: 18),
        tree("vtt-without-header", "V001", in: "01-een/captions/een-video.nl.vtt", line: 1),
        tree("vtt-malformed-timing", "V002", in: "01-een/captions/een-video.nl.vtt", line: 8),
        tree("vtt-cues-out-of-order", "V004", in: "01-een/captions/een-video.nl.vtt", line: 13),
        tree("vtt-cue-past-duration", "V005", in: "01-een/captions/een-video.nl.vtt", line: 13),
        tree("chapters-overlap", "V006", in: "01-een/chapters/een-video.nl.vtt", line: 8),
        tree("caption-line-too-long", "V009", in: "01-een/captions/een-video.nl.vtt", line: 13, severity: .warning),
    ]

    @Test("Each fixture gives exactly the expected diagnostic", arguments: cases)
    func fixture(_ fixture: Case) async throws {
        let path = fixture.isTree ? Fixtures.tree(fixture.path) : Fixtures.file(fixture.path)
        let report = await ContentValidator.validate(path: path)
        guard let code = fixture.code else {
            #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
            return
        }
        #expect(report.diagnostics.count == 1, "\(report.diagnostics.map(\.description))")
        let diagnostic = try #require(report.diagnostics.first)
        #expect(diagnostic.code == code)
        #expect(diagnostic.severity == fixture.severity)
        #expect(diagnostic.location.line == fixture.line)
        let expectedFile = fixture.isTree ? Fixtures.tree(fixture.path) + "/" + fixture.file : path
        #expect(diagnostic.location.file == expectedFile)
        #expect(diagnostic.message.count > 20, "a message that says how to fix it")
    }

    @Test(
        "A single module.xml is checked in the context of its tree, and only its own problems are reported",
        arguments: [true, false]
    )
    func singleManifestInTree(keepsText: Bool) async {
        // `academy validate` keeps no text and builds no library; the tree's context must not depend on one.
        let options = ContentLoadOptions(keepsCaptionText: keepsText)
        let report = await ContentValidator.validate(path: Fixtures.tree("see-unknown-video") + "/01-een/module.xml", options: options)
        #expect(report.diagnostics.map(\.code) == ["C003"])
        #expect(report.moduleCount == 1)
        let other = await ContentValidator.validate(path: Fixtures.tree("duplicate-ids-across-modules") + "/01-een/module.xml", options: options)
        #expect(other.diagnostics.isEmpty, "the duplicate is reported at the second module only")
        let second = await ContentValidator.validate(path: Fixtures.tree("duplicate-ids-across-modules") + "/02-twee/module.xml", options: options)
        #expect(second.diagnostics.map(\.code).contains("C001"))
        // The module's own files include its captions: their problems are its problems.
        let captions = await ContentValidator.validate(path: Fixtures.tree("vtt-cues-out-of-order") + "/01-een/module.xml", options: options)
        #expect(captions.diagnostics.map(\.code) == ["V004"])
        #expect(captions.diagnostics.first?.location.file == Fixtures.tree("vtt-cues-out-of-order") + "/01-een/captions/een-video.nl.vtt")
        #expect(captions.diagnostics.first?.location.line == 13)
        let neighbour = await ContentValidator.validate(path: Fixtures.tree("vtt-cues-out-of-order") + "/02-twee/module.xml", options: options)
        #expect(neighbour.diagnostics.isEmpty, "another module's captions are not this module's problem")
    }

    @Test("Audience and minutes are read around XML white space")
    func moduleFields() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tree = try Fixtures.validTree(in: directory) { text in
            text.replacingOccurrences(of: "<audience>leraar schoolcoach</audience>", with: "<audience>\n    leraar\t schoolcoach\r\n  </audience>")
                .replacingOccurrences(of: "<estimatedMinutes>20</estimatedMinutes>", with: "<estimatedMinutes> 20\n</estimatedMinutes>")
        }

        let library = try await ContentLibrary.load(from: tree)
        let module = try #require(library.module(id: "module-een"))
        #expect(module.audience == [.leraar, .schoolcoach])
        #expect(module.estimatedMinutes == 20)
    }

    @Test("A text given twice in a language is found when a library is built too, not only by the validator")
    func languageTwiceInLibrary() async {
        await #expect {
            _ = try await ContentLibrary.load(from: Fixtures.tree("title-twice-in-a-language"))
        } throws: { error in
            (error as? ContentLoadError)?.diagnostics.map(\.code) == ["C019"]
        }
    }

    @Test("A 20 MB file is refused by size before it is parsed")
    func hugeFile() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("huge.xml").path
        try Self.hugeModule().write(toFile: path, atomically: true, encoding: .utf8)
        let report = await ContentValidator.validate(path: path)
        #expect(report.diagnostics.map(\.code) == ["X003"])
    }

    /// A valid module of 20 MB: a step plan with a hundred thousand steps.
    static func hugeModule() throws -> String {
        let valid = try String(contentsOfFile: Fixtures.file("valid-module.xml"), encoding: .utf8)
        let step = """
                <step id="stap-NUMBER" role="leraar" minutes="5">
                  <title>Nog een stap</title>
                  <body>Een stap in een heel groot stappenplan, om de grens van de bestandsgrootte te testen.</body>
                </step>

            """
        var steps = ""
        var number = 0
        while steps.utf8.count < 20 * 1024 * 1024 {
            number += 1
            steps += step.replacingOccurrences(of: "NUMBER", with: String(number))
        }
        return valid.replacingOccurrences(of: "  </stepPlan>", with: steps + "  </stepPlan>")
    }

    @Test("Nothing crashes or hangs on any fixture file read as any kind of file")
    func everyFileAsEverything() async throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.directory.appendingPathComponent("files").path)
        for name in files {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixtures.file(name))))
            _ = XMLParser.parse(bytes: bytes, path: name)
            _ = WebVTTParser.parse(bytes: bytes, path: name)
        }
    }
}
