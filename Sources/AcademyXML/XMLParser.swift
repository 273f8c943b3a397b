internal import CAcademyXMLSupport
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
        /// The problems that keep the input from being a document, errors first in file order.
        public var diagnostics: [Diagnostic]
        /// The schema's findings (`S001`) when a schema was given and the input is well-formed.
        public var schemaDiagnostics: [Diagnostic] = []
    }

    /// Parses the file at `path` (relative to `directory` when one is given), and validates it
    /// against `schema` while parsing when one is given. `displayPath` is the path shown in
    /// diagnostics. With `textOf`, only the elements with those local names keep their text (the
    /// others' ``XMLNode/text`` is empty), which spares copying texts that will not be read.
    public static func parse(
        fileAt path: String,
        in directory: DirectoryHandle? = nil,
        displayPath: String? = nil,
        sizeLimit: Int = FileContents.defaultSizeLimit,
        validatingAgainst schema: XMLSchema? = nil,
        textOf names: [StaticString]? = nil
    ) -> Result {
        let shown = displayPath ?? path
        switch FileContents.read(path, in: directory, displayPath: shown, sizeLimit: sizeLimit) {
        case let .success(bytes):
            return parse(bytes: bytes, path: shown, validatingAgainst: schema, textOf: names)
        case let .failure(error):
            return Result(document: nil, diagnostics: [error.diagnostic])
        }
    }

    /// Parses `bytes` as an XML document; `path` names it in diagnostics.
    ///
    /// With a `schema`, the document is validated as it streams through the parser (libxml2's SAX
    /// plug), which costs less than building a tree and walking it again.
    ///
    /// Any document type declaration is refused (`X002`) before its contents are read, which stops
    /// external entities (XXE), entity expansion bombs and quadratic blow-up alike.
    ///
    /// With `textOf`, only the elements with those local names keep their text.
    public static func parse(bytes: [UInt8], path: String, validatingAgainst schema: XMLSchema? = nil, textOf names: [StaticString]? = nil) -> Result {
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
        let created = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { xmlCreateMemoryParserCtxt($0, Int32(buffer.count)) }
        }
        guard let context = created else {
            let diagnostic = Diagnostic(.error, code: "X001", "out of memory while parsing", at: SourceLocation(file: path))
            return Result(document: nil, diagnostics: [diagnostic])
        }
        defer { xmlFreeParserCtxt(context) }
        _ = xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue))
        let builder = XMLTreeBuilder(context: context, expectedSize: bytes.count, textOf: names)
        builder.install()

        let collector = LibXMLErrorCollector()
        let validation = schema.map { SchemaValidation(schema: $0, parser: context, builder: builder) }
        collector.collecting {
            _ = xmlParseDocument(context)
        }
        let schemaDiagnostics = validation?.finish(path: path) ?? []

        if let line = builder.documentTypeLine {
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
        if errors.isEmpty, context.pointee.wellFormed != 0, let document = builder.document(path: path, source: bytes) {
            return Result(document: document, diagnostics: [], schemaDiagnostics: schemaDiagnostics)
        }
        // After the first fatal error the parser's later messages are its consequences.
        let first = errors.first.map { [$0.parserDiagnostic(file: path)] } ?? []
        let fallback = Diagnostic(.error, code: "X001", "the file is not well-formed XML", at: SourceLocation(file: path))
        return Result(document: nil, diagnostics: first.isEmpty ? [fallback] : first)
    }
}

/// One-time libxml2 set-up, done before any thread uses the library.
enum LibXML {
    private static let initialized: Bool = {
        // Before libxml2 allocates anything: a block from malloc freed by this allocator, or the
        // other way round, would corrupt both heaps.
        xmlMemSetup(academy_xml_free, academy_xml_malloc, academy_xml_realloc, academy_xml_strdup)
        xmlInitParser()
        // XML Schema's built-in types are made on first use, without a lock: two schemas compiled
        // at once the first time (the catalog's and the modules', on two cores) could both build
        // them and see half-made ones ("anyType is not a simple type").
        xmlSchemaInitTypes()
        xmlSetExternalEntityLoader(EmbeddedResources.entityLoader)
        return true
    }()

    static func initialize() {
        _ = initialized
    }
}
