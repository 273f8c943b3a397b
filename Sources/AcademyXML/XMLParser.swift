internal import CLibXML2

/// Parses XML safely: no network, no entity expansion, no DTDs, a size cap, and every problem as a
/// ``Diagnostic``.
///
/// For example:
///
/// ```swift
/// let result = XMLParser.parse(fileAt: "Modules/academy.xml")
/// for diagnostic in result.diagnostics { print(diagnostic) }
/// let root = result.document?.root
/// ```
public enum XMLParser {
    /// The outcome of a parse: a document when the input is well-formed, and the problems found.
    public struct Result {
        /// The document, or `nil` when the input is not well-formed or not allowed.
        public var document: XMLDocument?
        /// The problems found, errors first in file order.
        public var diagnostics: [Diagnostic]
    }

    /// Parses the file at `path`. `displayPath` is the path shown in diagnostics.
    public static func parse(
        fileAt path: String,
        displayPath: String? = nil,
        sizeLimit: Int = FileContents.defaultSizeLimit
    ) -> Result {
        let shown = displayPath ?? path
        switch FileContents.read(path, displayPath: shown, sizeLimit: sizeLimit) {
        case let .success(bytes):
            return parse(bytes: bytes, path: shown)
        case let .failure(error):
            return Result(document: nil, diagnostics: [error.diagnostic])
        }
    }

    /// Parses `bytes` as an XML document; `path` names it in diagnostics.
    ///
    /// Any document type declaration is refused (`X002`) before its contents are read, which stops
    /// external entities (XXE), entity expansion bombs and quadratic blow-up alike.
    public static func parse(bytes: [UInt8], path: String) -> Result {
        LibXML.initialize()
        if bytes.isEmpty || bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            let diagnostic = Diagnostic(
                .error,
                code: "X005",
                "the file is empty: write the manifest's root element, or delete the file",
                at: SourceLocation(file: path, line: 1, column: 1)
            )
            return Result(document: nil, diagnostics: [diagnostic])
        }
        guard bytes.count <= Int(Int32.max) else {
            let error = FileError(.tooLarge(size: bytes.count, limit: Int(Int32.max)), path: path)
            return Result(document: nil, diagnostics: [error.diagnostic])
        }
        guard let context = xmlNewParserCtxt() else {
            let diagnostic = Diagnostic(.error, code: "X001", "out of memory while parsing", at: SourceLocation(file: path))
            return Result(document: nil, diagnostics: [diagnostic])
        }
        defer { xmlFreeParserCtxt(context) }
        context.pointee.sax.pointee.internalSubset = refuseDocumentType
        context.pointee._private = nil

        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)
        let collector = LibXMLErrorCollector()
        let pointer = collector.collecting {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                    xmlCtxtReadMemory(context, chars, Int32(buffer.count), path, nil, options)
                }
            }
        }
        // The DOCTYPE hook leaves the line of the declaration in _private.
        if let marker = context.pointee._private {
            if let pointer { xmlFreeDoc(pointer) }
            let line = Int(bitPattern: marker)
            let diagnostic = Diagnostic(
                .error,
                code: "X002",
                "a document type declaration (<!DOCTYPE ...>) is not allowed: manifests use XML Schema, "
                    + "and DTDs can read local files or expand entities without bound; remove the declaration",
                at: SourceLocation(file: path, line: line, column: 1)
            )
            return Result(document: nil, diagnostics: [diagnostic])
        }
        let errors = collector.entries.filter { $0.level.rawValue >= XML_ERR_ERROR.rawValue }
        if let pointer, errors.isEmpty, context.pointee.wellFormed != 0 {
            return Result(document: XMLDocument(pointer: pointer, path: path), diagnostics: [])
        }
        if let pointer { xmlFreeDoc(pointer) }
        // After the first fatal error the parser's later messages are its consequences.
        let first = errors.first.map { [$0.parserDiagnostic(file: path)] } ?? []
        let fallback = Diagnostic(.error, code: "X001", "the file is not well-formed XML", at: SourceLocation(file: path))
        return Result(document: nil, diagnostics: first.isEmpty ? [fallback] : first)
    }
}

/// SAX hook for `<!DOCTYPE`: stops the parser before it reads any declaration and marks the context.
private let refuseDocumentType: internalSubsetSAXFunc = { userData, _, _, _ in
    guard let userData else { return }
    let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
    let line = max(1, Int(context.pointee.input?.pointee.line ?? 1))
    context.pointee._private = UnsafeMutableRawPointer(bitPattern: line)
    xmlStopParser(context)
}

/// One-time libxml2 set-up, done before any thread uses the library.
enum LibXML {
    private static let initialized: Bool = {
        xmlInitParser()
        xmlSetExternalEntityLoader(EmbeddedResources.entityLoader)
        return true
    }()

    static func initialize() {
        _ = initialized
    }
}
