import AcademyXML
import Foundation
import Testing

@Suite("Parsing XML safely")
struct XMLParserTests {
    private func parse(_ text: String, path: String = "test.xml") -> XMLParser.Result {
        XMLParser.parse(bytes: Array(text.utf8), path: path)
    }

    @Test("A well-formed document is read in place: names, namespaces, attributes, text, lines and xml:lang")
    func readsDocument() throws {
        let result = parse(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <module xmlns="urn:test" id="m" xml:lang="nl">
              <title>Hallo &amp; welkom</title>
              <title xml:lang="en">Hello</title>
              <!-- a comment -->
              <video id="v1" duration="PT2M"/>
            </module>
            """
        )
        #expect(result.diagnostics.isEmpty)
        let document = try #require(result.document)
        let root = try #require(document.root)
        #expect(root.name == "module")
        #expect(root.namespace == "urn:test")
        #expect(root["id"] == "m")
        #expect(root["missing"] == nil)
        #expect(root.ownLanguage == "nl")
        #expect(root.line == 2)
        let children = Array(root.children)
        #expect(children.map(\.name) == ["title", "title", "video"])
        #expect(children[0].text == "Hallo & welkom")
        #expect(children[0].ownLanguage == nil)
        #expect(children[1].ownLanguage == "en")
        #expect(children[2].line == 6)
        #expect(children[2].hasName("video"))
        #expect(root.children(named: "title").count == 2)
        #expect(root.child(named: "video")?["duration"] == "PT2M")
    }

    @Test("Attribute values and text are decoded: references, an ampersand, CDATA, mixed content")
    func decodesValuesAndText() throws {
        let result = parse("<a x=\"Tom &amp; Jerry &#38; &lt;3 &#233;\" y=''>one<![CDATA[ <two> ]]><b>inner</b>three</a>")
        let root = try #require(result.document?.root)
        #expect(root["x"] == "Tom & Jerry & <3 é")
        #expect(root["y"] == "")
        #expect(root.text == "one <two> three")
        #expect(root.child(named: "b")?.text == "inner")
        #expect(root.child(named: "b").map { Array($0.children).isEmpty } == true)
    }

    @Test("Only the elements named in textOf keep their text; the others read as empty, attributes and structure unchanged")
    func keepsOnlyChosenTexts() throws {
        let text = "<r>lost<keep id=\"k\">kept <b>inner</b> and after</keep><other a=\"v\">dropped</other><keep>again</keep></r>"
        let root = try #require(XMLParser.parse(bytes: Array(text.utf8), path: "t.xml", textOf: ["keep"]).document?.root)
        let children = Array(root.children)
        #expect(root.text.isEmpty)
        #expect(children.map(\.name) == ["keep", "other", "keep"])
        #expect(children[0].text == "kept  and after")
        #expect(children[0]["id"] == "k")
        #expect(children[0].children.map(\.text) == [""])
        #expect(children[1].text.isEmpty)
        #expect(children[1]["a"] == "v")
        #expect(children[2].text == "again")
        // Without textOf, every element keeps its text.
        let full = try #require(parse(text).document?.root)
        #expect(full.text == "lost")
        #expect(Array(full.children)[1].text == "dropped")
    }

    @Test("A document type declaration is refused before its entities are read")
    func refusesDocumentType() {
        let result = parse(
            """
            <?xml version="1.0"?>
            <!DOCTYPE module [
              <!ENTITY xxe SYSTEM "file:///etc/passwd">
            ]>
            <module>&xxe;</module>
            """
        )
        #expect(result.document == nil)
        #expect(result.diagnostics.map(\.code) == ["X002"])
        #expect(result.diagnostics.first?.location.line == 2)
    }

    @Test("An external DTD is refused too, and nothing is fetched")
    func refusesExternalDTD() {
        let result = parse("<?xml version=\"1.0\"?>\n<!DOCTYPE module SYSTEM \"http://example.invalid/x.dtd\">\n<module/>")
        #expect(result.diagnostics.map(\.code) == ["X002"])
    }

    @Test("A syntax error is reported once, with line and column")
    func reportsSyntaxError() throws {
        let result = parse("<module>\n  <title a=b>x</title>\n</module>")
        #expect(result.document == nil)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(diagnostic.code == "X001")
        #expect(diagnostic.location.line == 2)
        #expect(diagnostic.location.column != nil)
        #expect(diagnostic.message.contains("quotes"))
    }

    @Test("An element that is never closed is reported where it opens")
    func reportsUnclosedElementAtItsStart() throws {
        let result = parse("<module>\n  <title>\n  <summary>x</summary>\n</module>")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == "X001")
        #expect(diagnostic.location.line == 2)
        #expect(diagnostic.message.contains("<title>"))
    }

    @Test("Empty input and white space only are X005")
    func reportsEmptyFile() {
        #expect(parse("").diagnostics.map(\.code) == ["X005"])
        #expect(parse("  \n\t\n").diagnostics.map(\.code) == ["X005"])
    }

    @Test("Bytes that are not UTF-8 in a document declared UTF-8 are X004 at their line")
    func reportsEncodingError() throws {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>caf".utf8)
        bytes += [0xE9]
        bytes += Array("</a>".utf8)
        let result = XMLParser.parse(bytes: bytes, path: "latin1.xml")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == "X004")
        #expect(diagnostic.location.line == 2)
    }

    @Test("UTF-16 with a byte order mark is read")
    func readsUTF16() throws {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<a x=\"é\">café</a>"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let result = XMLParser.parse(bytes: bytes, path: "utf16.xml")
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.document?.root)
        #expect(root.text == "café")
        #expect(root["x"] == "é")
    }

    @Test("Nesting beyond libxml2's depth limit is X006, without a crash")
    func reportsDeepNesting() {
        let text = String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)
        let result = parse(text)
        #expect(result.document == nil)
        #expect(result.diagnostics.map(\.code) == ["X006"])
    }

    @Test("Reading files relative to an open directory: found, missing, a link refused at the end or anywhere on the way")
    func readsRelativeToDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("academy-xml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("<a>x</a>".utf8).write(to: directory.appendingPathComponent("sub/a.xml"))
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("sub/link.xml").path, withDestinationPath: "a.xml")

        let handle = try #require(DirectoryHandle(path: directory.path))
        #expect(try FileContents.read("sub/a.xml", in: handle).get() == Array("<a>x</a>".utf8))
        #expect(XMLParser.parse(fileAt: "sub/a.xml", in: handle, displayPath: "shown/a.xml").document?.root?.text == "x")
        let missing = XMLParser.parse(fileAt: "sub/none.xml", in: handle, displayPath: "shown/none.xml")
        #expect(missing.diagnostics.map(\.code) == ["F001"])
        #expect(missing.diagnostics.first?.location.file == "shown/none.xml")
        guard case let .failure(error) = FileContents.read("sub/link.xml", in: handle, links: .refusedAtEnd) else {
            Issue.record("a link was followed")
            return
        }
        #expect(error.reason == .symbolicLink)
        #expect(DirectoryHandle(path: directory.appendingPathComponent("sub/a.xml").path) == nil, "a file is not a directory")

        // Links along a relative path: only a path of plain folders and files is clear.
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sub/deeper"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("linked").path, withDestinationPath: "sub")
        #expect(!handle.mayHaveLink(along: "sub"))
        #expect(!handle.mayHaveLink(along: "sub/deeper"))
        #expect(handle.mayHaveLink(along: "linked"))
        #expect(handle.mayHaveLink(along: "linked/deeper"))
        #expect(handle.mayHaveLink(along: "sub/link.xml"))
        #expect(handle.mayHaveLink(along: "missing/folder"), "what cannot be looked at is not called clear")

        // Refused anywhere: a link as the file or as a folder on the way is refused, a plain path is read.
        #expect(try FileContents.read("sub/a.xml", in: handle, links: .refusedAnywhere).get() == Array("<a>x</a>".utf8))
        for path in ["sub/link.xml", "linked/a.xml"] {
            guard case let .failure(error) = FileContents.read(path, in: handle, links: .refusedAnywhere) else {
                Issue.record("\(path) was read through a link")
                continue
            }
            #expect(error.reason == .symbolicLink, "\(path)")
        }
        #expect(try FileContents.read("linked/a.xml", in: handle, links: .refusedAtEnd).get() == Array("<a>x</a>".utf8), "a folder link is followed")
        guard case let .failure(missing) = FileContents.read("sub/none.xml", in: handle, links: .refusedAnywhere) else {
            Issue.record("a missing file was read")
            return
        }
        #expect(missing.reason == .missing)
    }

    @Test("Reading a file: missing, a directory, over the size limit")
    func reportsFileProblems() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("academy-xml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        #expect(XMLParser.parse(fileAt: directory.appendingPathComponent("none.xml").path).diagnostics.map(\.code) == ["F001"])
        #expect(XMLParser.parse(fileAt: directory.path).diagnostics.map(\.code) == ["F002"])

        let big = directory.appendingPathComponent("big.xml")
        try Data(("<a>" + String(repeating: "x", count: 5000) + "</a>").utf8).write(to: big)
        let capped = XMLParser.parse(fileAt: big.path, sizeLimit: 1000)
        #expect(capped.diagnostics.map(\.code) == ["X003"])
        #expect(capped.diagnostics.first?.message.contains("over the limit") == true)
        #expect(XMLParser.parse(fileAt: big.path).diagnostics.isEmpty)

        // A named pipe is refused at once, without waiting for a writer; an empty file is X005.
        let pipe = directory.appendingPathComponent("pipe.xml").path
        #expect(mkfifo(pipe, 0o600) == 0)
        #expect(XMLParser.parse(fileAt: pipe).diagnostics.map(\.code) == ["F002"])
        let empty = directory.appendingPathComponent("empty.xml")
        try Data().write(to: empty)
        #expect(XMLParser.parse(fileAt: empty.path).diagnostics.map(\.code) == ["X005"])
        // A file larger than the first read is read whole.
        let long = directory.appendingPathComponent("long.xml")
        try Data(("<a>" + String(repeating: "y", count: 100_000) + "</a>").utf8).write(to: long)
        #expect(XMLParser.parse(fileAt: long.path).document?.root?.text.count == 100_000)
    }

    @Test("A symbolic link is refused when links are not followed")
    func refusesLinksWhenAsked() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("academy-xml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("target.txt")
        try Data("x".utf8).write(to: target)
        let link = directory.appendingPathComponent("link.txt")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(try FileContents.read(link.path).get() == Array("x".utf8))
        guard case let .failure(error) = FileContents.read(link.path, links: .refusedAtEnd) else {
            Issue.record("a link was read with links: .refusedAtEnd")
            return
        }
        #expect(error.reason == .symbolicLink)
    }
}
