/// An XML element copied out of a parsed document into plain Swift values, so that it outlives the
/// libxml2 document and can cross concurrency domains.
public struct XMLElement: Sendable, Hashable {
    /// The element's local name, such as `video`.
    public var name: String
    /// The element's namespace URI, or `nil` when it has none.
    public var namespace: String?
    /// The attributes in document order.
    public var attributes: [XMLAttribute]
    /// The child elements in document order.
    public var children: [XMLElement]
    /// The element's own text: its text and CDATA children joined, without those of child elements.
    public var text: String
    /// The line of the element's start tag, from 1.
    public var line: Int
    /// The language in scope: the element's `xml:lang`, or the nearest ancestor's.
    public var language: String?

    /// Creates an element.
    public init(
        name: String,
        namespace: String? = nil,
        attributes: [XMLAttribute] = [],
        children: [XMLElement] = [],
        text: String = "",
        line: Int = 0,
        language: String? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.children = children
        self.text = text
        self.line = line
        self.language = language
    }

    /// The value of the attribute with this local name and no namespace, if present.
    public subscript(attribute name: String) -> String? {
        attributes.first { $0.name == name && $0.namespace == nil }?.value
    }

    /// The `xml:lang` attribute written on this element itself, if any.
    public var ownLanguage: String? {
        attributes.first { $0.name == "lang" && $0.namespace == XMLAttribute.xmlNamespace }?.value
    }

    /// The child elements with this local name, in document order.
    public func children(named name: String) -> [XMLElement] {
        children.filter { $0.name == name }
    }

    /// The first child element with this local name.
    public func child(named name: String) -> XMLElement? {
        children.first { $0.name == name }
    }
}

/// An attribute of an ``XMLElement``.
public struct XMLAttribute: Sendable, Hashable {
    /// The namespace of `xml:` attributes such as `xml:lang`.
    public static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// The local name, such as `src` or `lang`.
    public var name: String
    /// The namespace URI, or `nil` for an unprefixed attribute.
    public var namespace: String?
    /// The value, with entities and character references resolved.
    public var value: String

    /// Creates an attribute.
    public init(name: String, namespace: String? = nil, value: String) {
        self.name = name
        self.namespace = namespace
        self.value = value
    }
}
