internal import CLibXML2

/// One schema validation that streams along with a parse: plugged into the parser's SAX events
/// before the parse, and unplugged after it with the schema's findings.
final class SchemaValidation {
    private let schema: XMLSchema
    private let context: xmlSchemaValidCtxtPtr?
    private let plug: xmlSchemaSAXPlugPtr?
    private let collector = LibXMLErrorCollector()

    init(schema: XMLSchema, parser: xmlParserCtxtPtr, builder: XMLTreeBuilder) {
        self.schema = schema
        context = schema.takeValidationContext()
        guard let context else {
            plug = nil
            return
        }
        xmlSchemaSetValidStructuredErrors(context, libXMLStructuredErrorHandler, collector.pointer)
        // The plug replaces the parser's handler and user data, and puts them back when unplugged:
        // it needs the addresses of both fields.
        let base = UnsafeMutableRawPointer(parser)
        let handlerField = (base + MemoryLayout<xmlParserCtxt>.offset(of: \xmlParserCtxt.sax)!).assumingMemoryBound(to: xmlSAXHandlerPtr?.self)
        let dataField = (base + MemoryLayout<xmlParserCtxt>.offset(of: \xmlParserCtxt.userData)!).assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
        plug = xmlSchemaSAXPlug(context, handlerField, dataField)
        // Without a tree, the validator asks where it is; the builder knows the element's line.
        xmlSchemaValidateSetLocator(context, schemaLocator, builder.pointer)
    }

    /// Unplugs the validation and returns its findings as `S001` errors at their lines.
    func finish(path: String) -> [Diagnostic] {
        guard let context, let plug else {
            if let context { xmlSchemaFreeValidCtxt(context) }
            return [Diagnostic(.error, code: "S001", "out of memory while validating", at: SourceLocation(file: path))]
        }
        let isValid = xmlSchemaIsValid(context) == 1
        // Unplugging ends the validation and clears the context's state for the next one.
        xmlSchemaSAXUnplug(plug)
        schema.reuseValidationContext(context)
        var diagnostics = collector.entries
            .filter { $0.level.rawValue >= XML_ERR_ERROR.rawValue }
            .map { entry in
                Diagnostic(.error, code: "S001", XMLSchema.readable(entry.message), at: SourceLocation(file: path, line: entry.line > 0 ? entry.line : nil))
            }
        if !isValid, diagnostics.isEmpty {
            diagnostics.append(Diagnostic(.error, code: "S001", "the document does not match \(schema.name)", at: SourceLocation(file: path)))
        }
        return diagnostics
    }
}

private let schemaLocator: xmlSchemaValidityLocatorFunc = { data, file, line in
    guard let data else { return -1 }
    file?.pointee = nil
    line?.pointee = UInt(XMLTreeBuilder.state(data).pointee.currentLine)
    return 0
}
