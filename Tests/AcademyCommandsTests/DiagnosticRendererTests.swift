import AcademyCommands
import AcademyContent
import AcademyXML
import Foundation
import Testing

@Suite("Validator output")
struct DiagnosticRendererTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("AcademyContentTests/Fixtures")

    static func report(_ tree: String) async -> ValidationReport {
        await ContentValidator.validate(path: fixtures.appendingPathComponent("trees/\(tree)").path)
    }

    @Test("Text: path:line:col: error[CODE]: message, the source line, a caret under the column, and the summary")
    func text() async throws {
        let report = await Self.report("see-unknown-video")
        let output = DiagnosticRenderer(format: .text, style: TerminalStyle(isEnabled: false)).render(report, strict: false)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasSuffix("01-een/module.xml:28:12: error[C003]: unknown video 'een-vidoe' (did you mean 'een-video'?): use the id of a video in the academy"))
        #expect(lines[1] == " 28 |       <see video=\"een-vidoe\" at=\"PT8S\"/>")
        #expect(lines[2] == "    |            ^")
        #expect(lines[3] == "1 module, 1 video, 1 step plan: 1 error, 0 warnings")
        #expect(!output.contains("\u{1B}["), "no escape codes when colour is off")
    }

    @Test("Text with colour on a terminal")
    func colour() async {
        let report = await Self.report("see-unknown-video")
        let output = DiagnosticRenderer(format: .text, style: TerminalStyle(isEnabled: true)).render(report, strict: false)
        #expect(output.contains("\u{1B}[1;31merror[C003]\u{1B}[0m"))
    }

    @Test("JSON: one object per diagnostic with the same keys, and a summary")
    func json() async throws {
        let report = await Self.report("missing-catalog")
        let output = DiagnosticRenderer(format: .json, style: TerminalStyle(isEnabled: false)).render(report, strict: true)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 1)
        #expect(Set(diagnostics[0].keys) == ["file", "line", "column", "severity", "code", "message"])
        #expect(diagnostics[0]["code"] as? String == "C006")
        #expect(diagnostics[0]["line"] is NSNull)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["errors"] as? Int == 1)
        #expect(summary["passed"] as? Bool == false)
        #expect(summary["strict"] as? Bool == true)
    }

    @Test("GitHub: ::error annotations with escaped properties and data")
    func github() async {
        let report = await Self.report("caption-line-too-long")
        let lenient = DiagnosticRenderer(format: .github, style: TerminalStyle(isEnabled: false)).render(report, strict: false)
        #expect(lenient.hasPrefix("::warning file="))
        #expect(lenient.contains(",line=13,col=1,title=V009::a caption line has 63 characters"))
        let strict = DiagnosticRenderer(format: .github, style: TerminalStyle(isEnabled: false)).render(report, strict: true)
        #expect(strict.hasPrefix("::error file="), "--strict turns warnings into failures")
    }

    @Test("Exit status: 0 when valid, 1 when invalid, and --strict fails on warnings")
    func exitStatus() async {
        let trees = Self.fixtures.appendingPathComponent("trees").path
        #expect(await ValidateCommand(paths: [trees + "/valid"], format: .json, isStrict: true, mediaDirectory: nil, write: { _ in }).run() == 0)
        #expect(await ValidateCommand(paths: [trees + "/see-unknown-video"], format: .json, isStrict: false, mediaDirectory: nil, write: { _ in }).run() == 1)
        #expect(await ValidateCommand(paths: [trees + "/missing-translation"], format: .json, isStrict: false, mediaDirectory: nil, write: { _ in }).run() == 0)
        #expect(await ValidateCommand(paths: [trees + "/missing-translation"], format: .json, isStrict: true, mediaDirectory: nil, write: { _ in }).run() == 1)
    }
}
