internal import CLibXML2

#if canImport(Glibc)
import Glibc
#endif

/// An element of a parsed ``XMLDocument``, read in place without copying the tree.
///
/// A node keeps its document alive, so it is always safe to use; it is not `Sendable`, like the
/// document. Read what you need into Swift values (the content model) and let the nodes go.
///
/// For example:
///
/// ```swift
/// for child in root.children where child.hasName("video") {
///     let id = child["id"]
/// }
/// ```
public struct XMLNode {
    let document: XMLDocument
    let pointer: xmlNodePtr

    init(document: XMLDocument, pointer: xmlNodePtr) {
        self.document = document
        self.pointer = pointer
    }

    /// The element's local name, such as `video`.
    public var name: String { String(cString: pointer.pointee.name) }

    /// Whether the element's local name is `name`, without making a string.
    public func hasName(_ name: StaticString) -> Bool {
        strcmp(UnsafeRawPointer(pointer.pointee.name).assumingMemoryBound(to: CChar.self), UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }

    /// The element's namespace URI, or `nil` when it has none.
    public var namespace: String? {
        pointer.pointee.ns?.pointee.href.map { String(cString: $0) }
    }

    /// The line of the element's start tag, from 1.
    public var line: Int { Int(xmlGetLineNo(pointer)) }

    /// The value of the attribute with this local name and no namespace, if present.
    public subscript(name: StaticString) -> String? {
        attributeValue(name, namespace: nil)
    }

    /// The `xml:lang` written on this element itself, if any.
    public var ownLanguage: String? {
        attributeValue("lang", namespace: XMLNode.xmlNamespace)
    }

    /// The namespace of `xml:` attributes.
    public static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    private func attributeValue(_ name: StaticString, namespace: String?) -> String? {
        let wanted = UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)
        var attribute = pointer.pointee.properties
        while let current = attribute {
            defer { attribute = current.pointee.next }
            guard strcmp(UnsafeRawPointer(current.pointee.name).assumingMemoryBound(to: CChar.self), wanted) == 0 else { continue }
            let href = current.pointee.ns?.pointee.href
            if let namespace {
                guard let href, String(cString: href) == namespace else { continue }
            } else if href != nil {
                continue
            }
            if let valueNode = current.pointee.children, valueNode.pointee.next == nil, let content = valueNode.pointee.content {
                return String(cString: content)
            }
            guard let content = xmlNodeListGetString(pointer.pointee.doc, current.pointee.children, 1) else { return "" }
            defer { academy_xmlFree(content) }
            return String(cString: content)
        }
        return nil
    }

    /// The element's own text: its text and CDATA children joined, without those of child elements.
    public var text: String {
        var result = ""
        var child = pointer.pointee.children
        while let node = child {
            if node.pointee.type == XML_TEXT_NODE || node.pointee.type == XML_CDATA_SECTION_NODE, let content = node.pointee.content {
                result += String(cString: content)
            }
            child = node.pointee.next
        }
        return result
    }

    /// The child elements in document order.
    public var children: Children { Children(document: document, first: pointer.pointee.children) }

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
        let first: xmlNodePtr?

        /// Iterates the child elements, skipping text, comments and processing instructions.
        public struct Iterator: IteratorProtocol {
            let document: XMLDocument
            var upcoming: xmlNodePtr?

            public mutating func next() -> XMLNode? {
                while let node = upcoming {
                    upcoming = node.pointee.next
                    if node.pointee.type == XML_ELEMENT_NODE { return XMLNode(document: document, pointer: node) }
                }
                return nil
            }
        }

        public func makeIterator() -> Iterator { Iterator(document: document, upcoming: first) }
    }
}
