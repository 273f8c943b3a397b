import AcademyContent
import AcademyXML
import Foundation
import Testing

/// The validator's well-formed/schema verdict must be xmllint's on the same file, except where we are
/// deliberately stricter.
@Suite("Agreement with xmllint", .enabled(if: Fixtures.executable("xmllint") != nil, "needs xmllint (apt-get install libxml2-utils)"))
struct XMLLintAgreementTests {
    /// Where academy refuses what xmllint accepts, on purpose.
    static let deliberatelyStricter: [String: String] = [
        "huge.xml": "files over 8 MiB are refused before parsing (X003)"
    ]

    /// Codes of the XML and schema stage: what xmllint also judges.
    static let xmlStageCodes: Set<String> = ["X001", "X002", "X003", "X004", "X005", "X006", "X007", "S001"]

    static func xmllintAccepts(_ path: String) throws -> Bool {
        let contents = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let schema = contents.contains("urn:academy:catalog:1") ? "academy-1.xsd" : "module-1.xsd"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Fixtures.executable("xmllint")!)
        process.arguments = ["--noout", "--nonet", "--schema", Fixtures.repository.appendingPathComponent("Schemas/\(schema)").path, path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static func academyAccepts(_ path: String) async -> Bool {
        let report = await ContentValidator.validate(path: path)
        return !report.diagnostics.contains { $0.location.file == path && xmlStageCodes.contains($0.code) && $0.severity == .error }
    }

    @Test("Every XML fixture gets xmllint's verdict")
    func fixtureFiles() async throws {
        var paths = try FileManager.default.contentsOfDirectory(atPath: Fixtures.directory.appendingPathComponent("files").path)
            .filter { $0.hasSuffix(".xml") }.map(Fixtures.file)
        let trees = try FileManager.default.contentsOfDirectory(atPath: Fixtures.directory.appendingPathComponent("trees").path)
        for tree in trees {
            let root = Fixtures.tree(tree)
            if FileManager.default.fileExists(atPath: root + "/academy.xml") { paths.append(root + "/academy.xml") }
            for folder in try FileManager.default.contentsOfDirectory(atPath: root) {
                var isDirectory: ObjCBool = false
                let manifest = root + "/" + folder + "/module.xml"
                if FileManager.default.fileExists(atPath: manifest, isDirectory: &isDirectory), !isDirectory.boolValue { paths.append(manifest) }
            }
        }
        #expect(paths.count >= 30)
        for path in paths {
            let ours = await Self.academyAccepts(path)
            let theirs = try Self.xmllintAccepts(path)
            #expect(ours == theirs, "\(path): academy \(ours ? "accepts" : "refuses"), xmllint \(theirs ? "accepts" : "refuses")")
        }
    }

    @Test("Deliberately stricter: the 20 MB file xmllint accepts is refused")
    func hugeFile() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("huge.xml").path
        try FixtureTests.hugeModule().write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try Self.xmllintAccepts(path))
        #expect(await Self.academyAccepts(path) == false)
        #expect(Self.deliberatelyStricter["huge.xml"] != nil)
    }
}
