import AcademyContent
import Foundation
import Testing

@Suite("Schemas and their documentation")
struct SchemaFilesTests {
    static let schemas = Fixtures.repository.appendingPathComponent("Schemas")

    @Test("Every element and attribute in the XSDs is documented with xs:annotation")
    func annotations() throws {
        for name in ["academy-1.xsd", "module-1.xsd", "common-1.xsd"] {
            let text = try String(contentsOf: Self.schemas.appendingPathComponent(name), encoding: .utf8)
            let lines = text.split(separator: "\n").map(String.init)
            for (index, line) in lines.enumerated() where line.contains("<xs:element name=") || line.contains("<xs:attribute name=") {
                guard !line.contains("/>") else {
                    Issue.record("\(name):\(index + 1): declaration without documentation: \(line)")
                    continue
                }
                #expect(lines[index + 1].contains("<xs:annotation>"), "\(name):\(index + 1): \(line)")
            }
        }
    }

    @Test("The schemas built into academy are the ones in Schemas/ (run Scripts/embed-schemas after a change)")
    func embeddedCopies() throws {
        for (name, text) in ContentSchemas.documents {
            let onDisk = try String(contentsOf: Self.schemas.appendingPathComponent(name), encoding: .utf8)
            #expect(onDisk.trimmingCharacters(in: .newlines) == text.trimmingCharacters(in: .newlines), "\(name) differs")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.schemas.path).filter { $0.hasSuffix(".xsd") }
        #expect(Set(files) == Set(ContentSchemas.documents.keys))
    }

    @Test("Every diagnostic code the validator uses is documented in Schemas/README.md")
    func codesDocumented() throws {
        let readme = try String(contentsOf: Self.schemas.appendingPathComponent("README.md"), encoding: .utf8)
        let sources = Fixtures.repository.appendingPathComponent("Sources")
        let enumerator = try #require(FileManager.default.enumerator(atPath: sources.path))
        var codes: Set<String> = []
        let pattern = try NSRegularExpression(pattern: "\"([XSCVMF][0-9]{3})\"")
        for case let path as String in enumerator where path.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                codes.insert((text as NSString).substring(with: match.range(at: 1)))
            }
        }
        #expect(codes.count > 40)
        for code in codes.sorted() {
            #expect(readme.contains("| \(code) |"), "\(code) is not in Schemas/README.md")
        }
    }
}
