#if canImport(Glibc)
import Glibc
#endif

/// A parsed XML document: its elements, attributes and text, read once from libxml2's SAX events
/// into a few flat arrays.
///
/// No libxml2 tree is built, so nothing is left to free and a document costs a handful of
/// allocations however many elements it has. It is immutable once parsed.
public final class XMLDocument: Sendable {
    /// The path shown in diagnostics about this document.
    public let path: String
    let elements: [Element]
    let attributes: [Attribute]
    /// Element names, attribute names and values, and texts, as UTF-8.
    let bytes: [UInt8]
    let namespaces: [String]
    /// The document as it was parsed, for a later ``validate(against:)``.
    let source: [UInt8]

    /// A run of ``bytes``.
    struct Span: Sendable {
        var start: Int32
        var count: Int32

        static let empty = Span(start: 0, count: 0)
    }

    /// One element. Indices point into the document's arrays; -1 is "none".
    struct Element: Sendable {
        var name: Span
        var namespace: Int32
        var line: Int32
        var firstChild: Int32 = -1
        var nextSibling: Int32 = -1
        var firstAttribute: Int32
        var attributeCount: Int32
        /// The element's own character data, child elements' text excluded.
        var text: Span = .empty
    }

    /// One attribute, namespace declarations excluded.
    struct Attribute: Sendable {
        var name: Span
        var namespace: Int32
        var value: Span
    }

    init(path: String, elements: [Element], attributes: [Attribute], bytes: [UInt8], namespaces: [String], source: [UInt8]) {
        self.path = path
        self.elements = elements
        self.attributes = attributes
        self.bytes = bytes
        self.namespaces = namespaces
        self.source = source
    }

    /// The root element.
    public var root: XMLNode? {
        elements.isEmpty ? nil : XMLNode(document: self, index: 0)
    }

    /// Validates the document against a compiled schema; every violation becomes an `S001` error.
    ///
    /// To validate while parsing, which costs less, pass the schema to
    /// ``XMLParser/parse(bytes:path:validatingAgainst:)`` instead. This validates the parsed
    /// bytes again, so many documents can be validated with one schema at once on different tasks.
    public func validate(against schema: XMLSchema) -> [Diagnostic] {
        XMLParser.parse(bytes: source, path: path, validatingAgainst: schema).schemaDiagnostics
    }

    func string(_ span: Span) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[Int(span.start)..<Int(span.start + span.count)]), as: UTF8.self)
        }
    }

    func span(_ span: Span, equals name: StaticString) -> Bool {
        guard Int(span.count) == name.utf8CodeUnitCount else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            memcmp(buffer.baseAddress! + Int(span.start), name.utf8Start, Int(span.count)) == 0
        }
    }
}
