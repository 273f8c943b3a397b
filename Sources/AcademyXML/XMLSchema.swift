internal import CLibXML2
import Synchronization

/// A compiled XML Schema (XSD 1.0), shared by every validation.
///
/// Compile once with ``compile(main:documents:)``, then validate any number of documents, from any
/// number of tasks at once, by passing it to ``XMLParser/parse(bytes:path:validatingAgainst:)``:
/// each validation has a libxml2 validation context of its own while it runs.
public final class XMLSchema: @unchecked Sendable {
    // @unchecked: libxml2 never writes to a compiled xmlSchema during validation (all state lives in
    // the validation contexts, each used by one validation at a time), and the pointers are only
    // freed in deinit.
    private let schema: xmlSchemaPtr
    private let sourceDocument: xmlDocPtr
    /// Validation contexts not in use. Making a context and freeing it costs about a quarter of a
    /// small manifest's validation; libxml2 clears a context's state at the end of each validation
    /// (as xmllint relies on when it validates many files with one).
    private let idleContexts = Mutex<[ValidationContext]>([])
    /// The schema's file name, such as `module-1.xsd`.
    public let name: String

    private init(schema: xmlSchemaPtr, sourceDocument: xmlDocPtr, name: String) {
        self.schema = schema
        self.sourceDocument = sourceDocument
        self.name = name
    }

    deinit {
        for context in idleContexts.withLock({ $0 }) { xmlSchemaFreeValidCtxt(context.pointer) }
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

    /// A validation context for one document, idle or new, or `nil` when out of memory. Give it
    /// back with ``reuseValidationContext(_:)`` once the validation has ended.
    func takeValidationContext() -> xmlSchemaValidCtxtPtr? {
        idleContexts.withLock { $0.popLast() }?.pointer ?? xmlSchemaNewValidCtxt(schema)
    }

    /// Keeps a context whose validation has ended (its SAX plug removed) for the next validation.
    func reuseValidationContext(_ context: xmlSchemaValidCtxtPtr) {
        // Nothing of the validation that ended may be reached from the context.
        xmlSchemaSetValidStructuredErrors(context, nil, nil)
        xmlSchemaValidateSetLocator(context, nil, nil)
        let kept = idleContexts.withLock { idle in
            guard idle.count < Self.idleContextLimit else { return false }
            idle.append(ValidationContext(pointer: context))
            return true
        }
        if !kept { xmlSchemaFreeValidCtxt(context) }
    }

    /// More contexts than validations run at once are never idle; the limit only bounds the pool.
    private static let idleContextLimit = 64

    /// A validation context handed between threads, used by one validation at a time.
    private struct ValidationContext: @unchecked Sendable {
        let pointer: xmlSchemaValidCtxtPtr
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
