import AcademyXML
import Foundation
import Testing

@Suite("XML Schema validation")
struct XMLSchemaTests {
    static let schema = """
        <?xml version="1.0"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="urn:t" targetNamespace="urn:t" elementFormDefault="qualified">
          <xs:include schemaLocation="shared.xsd"/>
          <xs:element name="list">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="item" type="Code" maxOccurs="unbounded"/>
              </xs:sequence>
            </xs:complexType>
          </xs:element>
        </xs:schema>
        """
    static let shared = """
        <?xml version="1.0"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
          <xs:simpleType name="Code">
            <xs:restriction base="xs:string"><xs:pattern value="[a-z]+"/></xs:restriction>
          </xs:simpleType>
        </xs:schema>
        """

    static func compile() throws -> XMLSchema {
        try XMLSchema.compile(main: "list.xsd", documents: ["list.xsd": Array(schema.utf8), "shared.xsd": Array(shared.utf8)])
    }

    @Test("A schema with an include compiles from memory and reports violations with lines")
    func validates() throws {
        let schema = try Self.compile()
        let valid = XMLParser.parse(bytes: Array("<list xmlns=\"urn:t\"><item>abc</item></list>".utf8), path: "ok.xml")
        #expect(try #require(valid.document).validate(against: schema).isEmpty)

        let invalid = XMLParser.parse(bytes: Array("<list xmlns=\"urn:t\">\n<item>abc</item>\n<item>ABC</item>\n<other/>\n</list>".utf8), path: "bad.xml")
        let diagnostics = try #require(invalid.document).validate(against: schema)
        #expect(diagnostics.map(\.code) == ["S001", "S001"])
        #expect(diagnostics.map(\.location.line) == [3, 4])
        #expect(diagnostics[0].message.hasPrefix("<item>"))
        #expect(!diagnostics[0].message.contains("{urn:t}"))
    }

    @Test("Validating while parsing: a missing child is reported at its parent's start tag, as a tree validation does")
    func validatesWhileParsing() throws {
        let schema = try Self.compile()
        let text = "<list xmlns=\"urn:t\">\n  <!-- no items -->\n\n</list>"
        let streamed = XMLParser.parse(bytes: Array(text.utf8), path: "empty.xml", validatingAgainst: schema)
        #expect(streamed.diagnostics.isEmpty)
        #expect(streamed.schemaDiagnostics.map(\.code) == ["S001"])
        #expect(streamed.schemaDiagnostics.map(\.location.line) == [1])
        #expect(streamed.schemaDiagnostics.first?.message.contains("Missing child element") == true)
        // The same findings when the parsed document is validated afterwards.
        #expect(try #require(streamed.document).validate(against: schema).map(\.location.line) == [1])

        let nested = "<list xmlns=\"urn:t\">\n<item>abc</item>\n<item>\nABC\n</item>\n</list>"
        let lines = XMLParser.parse(bytes: Array(nested.utf8), path: "nested.xml", validatingAgainst: schema).schemaDiagnostics.map(\.location.line)
        #expect(lines == [3])
    }

    @Test("A document that is not well-formed gets no schema findings, only its syntax error")
    func skipsSchemaOnSyntaxError() throws {
        let schema = try Self.compile()
        let result = XMLParser.parse(bytes: Array("<list xmlns=\"urn:t\">\n<other/>\n<item>abc</list>".utf8), path: "bad.xml", validatingAgainst: schema)
        #expect(result.document == nil)
        #expect(result.diagnostics.map(\.code) == ["X001"])
        #expect(result.schemaDiagnostics.isEmpty)
    }

    @Test("A schema that names a document nobody registered does not compile, and nothing is read from disk")
    func refusesUnknownIncludes() {
        let main = Array(Self.schema.replacingOccurrences(of: "shared.xsd", with: "/etc/passwd").utf8)
        #expect(throws: XMLSchemaError.self) {
            try XMLSchema.compile(main: "other.xsd", documents: ["other.xsd": main])
        }
    }

    @Test("Schemas compiled at the same time on many tasks all compile")
    func compilesConcurrently() async {
        let compiled = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<16 {
                group.addTask { (try? Self.compile()) != nil }
            }
            var results: [Bool] = []
            for await result in group { results.append(result) }
            return results
        }
        #expect(compiled == Array(repeating: true, count: 16))
    }

    @Test("Validations that follow each other on one schema, which reuse its libxml2 contexts, find what fresh ones find")
    func reusesContexts() throws {
        let documents = [
            "<list xmlns=\"urn:t\">\n<item>ABC</item>\n<other/>\n</list>",  // two violations
            "<list xmlns=\"urn:t\">\n<item>abc</item>\n<item>abc",  // ends mid-document, deep in the validation
            "<list xmlns=\"urn:t\"><item>abc</item></list>",  // valid
            "<!DOCTYPE list [<!ENTITY e \"x\">]>\n<list xmlns=\"urn:t\"><item>&e;</item></list>",  // stopped at the DOCTYPE
            "<list xmlns=\"urn:t\">\n\n</list>",  // a missing child, found at the end tag
            "<other xmlns=\"urn:t\"/>",  // an unknown root
            "<list xmlns=\"urn:t\"><item>xyz</item></list>",  // valid again
        ]
        func findings(_ text: String, _ schema: XMLSchema) -> [String] {
            let result = XMLParser.parse(bytes: Array(text.utf8), path: "t.xml", validatingAgainst: schema)
            return (result.diagnostics + result.schemaDiagnostics).map { "\($0.code)@\($0.location.line ?? 0): \($0.message)" }
        }
        let shared = try Self.compile()
        // Twice over, so that every document also follows every kind of ending.
        for text in documents + documents {
            #expect(findings(text, shared) == findings(text, try Self.compile()), "\(text)")
        }
        #expect(findings(documents[2], shared).isEmpty)
        #expect(findings(documents[0], shared).count == 2)
    }

    @Test("One compiled schema validates many documents at once")
    func validatesConcurrently() async throws {
        let schema = try Self.compile()
        let results = await withTaskGroup(of: Int.self) { group in
            for index in 0..<64 {
                group.addTask {
                    let item = index % 2 == 0 ? "abc" : "ABC"
                    let parsed = XMLParser.parse(bytes: Array("<list xmlns=\"urn:t\"><item>\(item)</item></list>".utf8), path: "\(index).xml")
                    return parsed.document?.validate(against: schema).count ?? -1
                }
            }
            var counts: [Int] = []
            for await count in group { counts.append(count) }
            return counts
        }
        #expect(results.count == 64)
        #expect(results.filter { $0 == 0 }.count == 32)
        #expect(results.filter { $0 == 1 }.count == 32)
    }
}
