/// An element of a parsed ``XMLDocument``.
///
/// A node keeps its document alive, so it is always safe to use. Strings are made only for what
/// is asked, so read what you need into Swift values (the content model) and let the nodes go.
///
/// For example:
///
/// ```swift
/// for child in root.children where child.hasName("video") {
///     let id = child["id"]
/// }
/// ```
public struct XMLNode: Sendable {
    let document: XMLDocument
    /// The element's record, copied once: nodes are read many times over (names, attributes).
    private let element: XMLDocument.Element

    init(document: XMLDocument, index: Int32) {
        self.document = document
        self.element = document.elements[Int(index)]
    }

    /// The element's local name, such as `video`.
    public var name: String { document.string(element.name) }

    /// Whether the element's local name is `name`, without making a string.
    public func hasName(_ name: StaticString) -> Bool {
        document.span(element.name, equals: name)
    }

    /// The element's namespace URI, or `nil` when it has none.
    public var namespace: String? {
        let namespace = element.namespace
        return namespace < 0 ? nil : document.namespaces[Int(namespace)]
    }

    /// The line of the element's start tag (where the tag ends, as libxml2 counts), from 1.
    public var line: Int { Int(element.line) }

    /// The value of the attribute with this local name and no namespace, if present.
    public subscript(name: StaticString) -> String? {
        attributeValue(name, namespace: -1)
    }

    /// The `xml:lang` written on this element itself, if any.
    public var ownLanguage: String? {
        attributeValue("lang", namespace: XMLDocument.xmlNamespaceIndex)
    }

    /// The namespace of `xml:` attributes.
    public static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// Calls `body` with the UTF-8 of the value of the attribute with this local name and no
    /// namespace, without making a string; `nil` when there is no such attribute. The bytes are
    /// valid only during the call.
    public func withAttribute<Result>(_ name: StaticString, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result? {
        guard let value = attributeSpan(name, namespace: -1) else { return nil }
        return try document.bytes.withUnsafeBufferPointer { bytes in
            try body(UnsafeBufferPointer(rebasing: bytes[Int(value.start)..<Int(value.start + value.count)]))
        }
    }

    private func attributeValue(_ name: StaticString, namespace: Int32) -> String? {
        attributeSpan(name, namespace: namespace).map { document.string($0) }
    }

    private func attributeSpan(_ name: StaticString, namespace: Int32) -> XMLDocument.Span? {
        let first = Int(element.firstAttribute)
        return document.attributes.withUnsafeBufferPointer { attributes in
            for position in first..<first + Int(element.attributeCount) {
                let attribute = attributes[position]
                if attribute.namespace == namespace, document.span(attribute.name, equals: name) {
                    return attribute.value
                }
            }
            return nil
        }
    }

    /// The element's own text: its text and CDATA children joined, without those of child elements.
    public var text: String { document.string(element.text) }

    /// The child elements in document order.
    public var children: Children { Children(document: document, first: element.firstChild) }

    /// The child elements with this local name.
    public func children(named name: StaticString) -> [XMLNode] {
        children.filter { $0.hasName(name) }
    }

    /// The first child element with this local name.
    public func child(named name: StaticString) -> XMLNode? {
        children.first { $0.hasName(name) }
    }

    /// The child elements of a node, in document order.
    public struct Children: Sequence {
        let document: XMLDocument
        let first: Int32

        /// Iterates the child elements.
        public struct Iterator: IteratorProtocol {
            let document: XMLDocument
            var upcoming: Int32

            public mutating func next() -> XMLNode? {
                guard upcoming >= 0 else { return nil }
                let node = XMLNode(document: document, index: upcoming)
                upcoming = node.element.nextSibling
                return node
            }
        }

        public func makeIterator() -> Iterator { Iterator(document: document, upcoming: first) }
    }
}

extension XMLDocument {
    /// The builder always registers the `xml:` namespace first.
    static let xmlNamespaceIndex: Int32 = 0
}
