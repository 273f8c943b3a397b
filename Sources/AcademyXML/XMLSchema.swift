internal import CLibXML2
import Synchronization

/// A compiled XML Schema (XSD 1.0), shared by every validation.
///
/// Compile once with ``compile(main:documents:)``, then validate any number of documents, from any
/// number of tasks at once, by passing it to ``XMLParser/parse(bytes:path:validatingAgainst:)``:
/// each validation makes its own libxml2 validation context.
public final class XMLSchema: @unchecked Sendable {
    // @unchecked: libxml2 never writes to a compiled xmlSchema during validation (all state lives in
    // the per-call xmlSchemaValidCtxt), and both pointers are only freed in deinit.
    private let schema: xmlSchemaPtr
    private let sourceDocument: xmlDocPtr
    /// The schema's file name, such as `module-1.xsd`.
    public let name: String

    private init(schema: xmlSchemaPtr, sourceDocument: xmlDocPtr, name: String) {
        self.schema = schema
        self.sourceDocument = sourceDocument
        self.name = name
    }

    deinit {
        xmlSchemaFree(schema)
        xmlFreeDoc(sourceDocument)
    }

    /// Compiles the schema document named `main` from `documents`, a map from file name to the bytes
    /// of every schema document involved (the main one and those it includes or imports by name).
    ///
    /// Throws ``XMLSchemaError`` with libxml2's messages when a schema document is wrong.
    public static func compile(main: String, documents: [String: [UInt8]]) throws(XMLSchemaError) -> XMLSchema {
        LibXML.initialize()
        // Compiling is rare and takes a millisecond; one at a time keeps libxml2's schema parser
        // clear of any state it shares between compilations. Validations run concurrently.
        return try compiling.withLock { _ throws(XMLSchemaError) in
            try compileAlone(main: main, documents: documents)
        }
    }

    private static func compileAlone(main: String, documents: [String: [UInt8]]) throws(XMLSchemaError) -> XMLSchema {
        for (name, bytes) in documents { EmbeddedResources.register(name: name, bytes: bytes) }
        guard let bytes = documents[main] else {
            throw XMLSchemaError(name: main, messages: ["no schema document named \(main) was given"])
        }
        let collector = LibXMLErrorCollector()
        let url = "academy-schemas/\(main)"
        let options = Int32(XML_PARSE_NONET.rawValue)
        let compiled: (xmlSchemaPtr, xmlDocPtr)? = collector.collecting {
            let document = bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlReadMemory($0, Int32(buffer.count), url, nil, options)
                }
            }
            guard let document else { return nil }
            guard let parser = xmlSchemaNewDocParserCtxt(document) else {
                xmlFreeDoc(document)
                return nil
            }
            defer { xmlSchemaFreeParserCtxt(parser) }
            xmlSchemaSetParserStructuredErrors(parser, libXMLStructuredErrorHandler, collector.pointer)
            guard let schema = xmlSchemaParse(parser) else {
                xmlFreeDoc(document)
                return nil
            }
            return (schema, document)
        }
        guard let compiled, collector.entries.allSatisfy({ $0.level.rawValue < XML_ERR_ERROR.rawValue }) else {
            if let compiled {
                xmlSchemaFree(compiled.0)
                xmlFreeDoc(compiled.1)
            }
            let messages = collector.entries.map { "line \($0.line): \($0.message)" }
            throw XMLSchemaError(name: main, messages: messages.isEmpty ? ["the schema could not be compiled"] : messages)
        }
        return XMLSchema(schema: compiled.0, sourceDocument: compiled.1, name: main)
    }

    /// A validation context for one document, or `nil` when out of memory.
    func newValidationContext() -> xmlSchemaValidCtxtPtr? {
        xmlSchemaNewValidCtxt(schema)
    }

    /// libxml2's message without namespace URIs in braces, starting with the element in angle brackets:
    /// `<video>, attribute 'duration': ...`.
    static func readable(_ message: String) -> String {
        var text = message
        while let open = text.firstIndex(of: "{"), let close = text[open...].firstIndex(of: "}") {
            text.removeSubrange(open...close)
        }
        // The pattern itself (a long regular expression) helps nobody; the schema's advice does.
        if let pattern = text.firstRange(of: " by the pattern '"), let end = text[pattern.upperBound...].lastIndex(of: "'") {
            text.replaceSubrange(pattern.lowerBound...end, with: "")
        }
        if text.hasPrefix("Element '"), let end = text.dropFirst(9).firstIndex(of: "'") {
            let name = text[text.index(text.startIndex, offsetBy: 9)..<end]
            text = "<\(name)>" + text[text.index(after: end)...]
        }
        return text
    }
}

/// One schema compilation at a time (see ``XMLSchema/compile(main:documents:)``).
private let compiling = Mutex(())

/// A schema document that cannot be compiled: a fault in the academy's own files, not the user's.
public struct XMLSchemaError: Error, Sendable, CustomStringConvertible {
    /// The schema's file name.
    public var name: String
    /// libxml2's messages.
    public var messages: [String]

    /// One line per message.
    public var description: String {
        "cannot compile \(name):\n" + messages.map { "  \($0)" }.joined(separator: "\n")
    }
}
