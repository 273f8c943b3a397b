internal import CLibXML2

/// Collects the structured errors that libxml2 reports during one synchronous parse or validation.
///
/// libxml2 2.9 has no per-context error hook for the parser, so the collector is installed as the
/// thread's structured error handler around one parse and removed right after; nothing suspends in
/// between, so no other work on the thread can see it.
final class LibXMLErrorCollector {
    struct Entry {
        var domain: Int32
        var code: Int32
        var level: xmlErrorLevel
        var message: String
        var line: Int
        var column: Int
        /// A number libxml2 adds to some errors: for a tag mismatch, the line where the tag opened.
        var int1: Int
        var str1: String?
    }

    private(set) var entries: [Entry] = []

    var pointer: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    static func from(_ pointer: UnsafeMutableRawPointer?) -> LibXMLErrorCollector? {
        pointer.map { Unmanaged<LibXMLErrorCollector>.fromOpaque($0).takeUnretainedValue() }
    }

    func record(_ error: UnsafePointer<xmlError>) {
        let value = error.pointee
        var message = value.message.map { String(cString: $0) } ?? "unknown XML error"
        while message.last?.isWhitespace == true { message.removeLast() }
        message = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        entries.append(
            Entry(
                domain: value.domain,
                code: value.code,
                level: value.level,
                message: message,
                line: Int(value.line),
                column: Int(value.int2),
                int1: Int(value.int1),
                str1: value.str1.map { String(cString: $0) }
            )
        )
    }

    /// Runs `body` with this collector as the thread's structured error handler.
    func collecting<T>(_ body: () throws -> T) rethrows -> T {
        xmlSetStructuredErrorFunc(pointer, libXMLStructuredErrorHandler)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        return try body()
    }
}

let libXMLStructuredErrorHandler: xmlStructuredErrorFunc = { context, error in
    guard let error, let collector = LibXMLErrorCollector.from(context) else { return }
    collector.record(error)
}

extension LibXMLErrorCollector.Entry {
    /// The parser error as a diagnostic, with a message that says how to fix it.
    func parserDiagnostic(file: String) -> Diagnostic {
        var location = SourceLocation(file: file, line: line > 0 ? line : nil, column: column > 0 ? column : nil)
        // An element that is never closed is fixed where it opens, not where the parser noticed.
        if UInt32(code) == XML_ERR_TAG_NAME_MISMATCH.rawValue || UInt32(code) == XML_ERR_TAG_NOT_FINISHED.rawValue, int1 > 0, let name = str1 {
            let noticed = line > 0 ? " (noticed on line \(line))" : ""
            return Diagnostic(
                .error,
                code: "X001",
                "<\(name)> is opened here but never closed\(noticed): add </\(name)> where the element ends",
                at: SourceLocation(file: file, line: int1, column: nil)
            )
        }
        if location.line == nil { location.column = nil }
        let (code, text) = Self.explain(code: code, message: message)
        return Diagnostic(.error, code: code, text, at: location)
    }

    private static func explain(code: Int32, message: String) -> (String, String) {
        let detail = message.prefix(1).lowercased() + message.dropFirst()
        switch UInt32(code) {
        case XML_ERR_DOCUMENT_EMPTY.rawValue:
            return ("X005", "the file is empty: write the manifest's root element, or delete the file")
        case XML_ERR_INVALID_CHAR.rawValue, XML_ERR_INVALID_ENCODING.rawValue, XML_ERR_UNSUPPORTED_ENCODING.rawValue:
            if message.contains("UTF-8") || message.contains("encoding") {
                return ("X004", "\(detail): save the file as UTF-8 (or declare its real encoding in <?xml ... encoding=\"...\"?>)")
            }
            return ("X001", "\(detail): remove the character or write it as a character reference such as &#233;")
        case XML_ERR_NAME_REQUIRED.rawValue, XML_ERR_ENTITYREF_SEMICOL_MISSING.rawValue:
            return ("X001", "\(detail): a bare '&' starts an entity reference; write '&amp;' for an ampersand")
        case XML_ERR_UNDECLARED_ENTITY.rawValue, XML_WAR_UNDECLARED_ENTITY.rawValue:
            return ("X001", "\(detail): only &amp; &lt; &gt; &quot; &apos; and character references such as &#233; are allowed")
        case XML_ERR_ATTRIBUTE_NOT_STARTED.rawValue, XML_ERR_ATTRIBUTE_WITHOUT_VALUE.rawValue, XML_ERR_STRING_NOT_CLOSED.rawValue:
            return ("X001", "\(detail): put every attribute value in matching double quotes, as in id=\"intro\"")
        case XML_ERR_LT_IN_ATTRIBUTE.rawValue:
            return ("X001", "\(detail): write '<' inside an attribute value as '&lt;'")
        case XML_ERR_TAG_NAME_MISMATCH.rawValue:
            return ("X001", "\(detail): close elements in the reverse order of opening them")
        case XML_ERR_TAG_NOT_FINISHED.rawValue, XML_ERR_DOCUMENT_END.rawValue, XML_ERR_NOT_WELL_BALANCED.rawValue:
            return ("X001", "\(detail): add the missing end tag, or remove what follows the root element")
        case XML_ERR_ATTRIBUTE_REDEFINED.rawValue:
            return ("X001", "\(detail): write each attribute once")
        case XML_ERR_INTERNAL_ERROR.rawValue where message.contains("Excessive depth"):
            return ("X006", "elements are nested more than 256 deep: a manifest needs a few levels; remove the runaway nesting")
        default:
            return ("X001", "\(detail): fix the XML syntax here")
        }
    }
}
