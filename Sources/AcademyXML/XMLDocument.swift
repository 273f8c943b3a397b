internal import CLibXML2

/// A parsed XML document. It owns the libxml2 tree and frees it when released.
///
/// A document is used on one task at a time (it is not `Sendable`): parse it, validate it, and read
/// it into Swift values from ``root``.
public final class XMLDocument {
    let pointer: xmlDocPtr
    /// The path shown in diagnostics about this document.
    public let path: String

    init(pointer: xmlDocPtr, path: String) {
        self.pointer = pointer
        self.path = path
    }

    deinit {
        xmlFreeDoc(pointer)
    }

    /// The root element, read in place.
    public var root: XMLNode? {
        xmlDocGetRootElement(pointer).map { XMLNode(document: self, pointer: $0) }
    }

    /// Validates the document against a compiled schema; every violation becomes an `S001` error.
    ///
    /// Validation contexts are made per call, so many documents can be validated with one schema at
    /// the same time on different tasks.
    public func validate(against schema: XMLSchema) -> [Diagnostic] {
        schema.validate(self)
    }
}
