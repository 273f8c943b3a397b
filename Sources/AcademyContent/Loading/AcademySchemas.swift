import AcademyXML

/// The academy's compiled XML Schemas, compiled once per process from the copies embedded in the
/// library (see `Scripts/embed-schemas`).
enum AcademySchemas {
    /// The namespace of module manifests.
    static let moduleNamespace = "urn:academy:module:1"
    /// The namespace of the catalog.
    static let catalogNamespace = "urn:academy:catalog:1"

    static let documents: [String: [UInt8]] = EmbeddedSchemas.documents.mapValues { Array($0.utf8) }

    static let module: Result<XMLSchema, XMLSchemaError> = Result { () throws(XMLSchemaError) in
        try XMLSchema.compile(main: "module-1.xsd", documents: documents)
    }

    static let catalog: Result<XMLSchema, XMLSchemaError> = Result { () throws(XMLSchemaError) in
        try XMLSchema.compile(main: "academy-1.xsd", documents: documents)
    }
}

/// The XML Schema documents built into academy, by file name (`module-1.xsd`, …), as in `Schemas/`.
public enum ContentSchemas {
    /// The text of each schema document.
    public static var documents: [String: String] { EmbeddedSchemas.documents }
}
