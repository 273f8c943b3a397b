internal import CLibXML2

/// A parsed XML document. It owns the libxml2 tree and frees it when released.
///
/// A document is used on one task at a time (it is not `Sendable`): parse it, validate it, and copy
/// it into Swift values with ``root``.
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

    /// The root element and everything in it as Swift values.
    ///
    /// The walk is iterative, so a deeply nested document cannot overflow the stack.
    public var root: XMLElement? {
        guard let rootNode = xmlDocGetRootElement(pointer) else { return nil }
        struct Frame {
            var element: XMLElement
            var next: xmlNodePtr?
        }
        var stack = [Frame(element: Self.element(of: rootNode, inheriting: nil), next: rootNode.pointee.children)]
        while true {
            if let node = stack[stack.count - 1].next {
                stack[stack.count - 1].next = node.pointee.next
                switch node.pointee.type {
                case XML_ELEMENT_NODE:
                    let element = Self.element(of: node, inheriting: stack[stack.count - 1].element.language)
                    stack.append(Frame(element: element, next: node.pointee.children))
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = node.pointee.content {
                        stack[stack.count - 1].element.text += String(cString: content)
                    }
                default:
                    break
                }
            } else {
                let finished = stack.removeLast().element
                if stack.isEmpty { return finished }
                stack[stack.count - 1].element.children.append(finished)
            }
        }
    }

    private static func element(of node: xmlNodePtr, inheriting language: String?) -> XMLElement {
        var attributes: [XMLAttribute] = []
        var ownLanguage: String?
        var attribute = node.pointee.properties
        while let current = attribute {
            let name = String(cString: current.pointee.name)
            let namespace = current.pointee.ns?.pointee.href.map { String(cString: $0) }
            var value = ""
            if let valueNode = current.pointee.children, valueNode.pointee.next == nil, let content = valueNode.pointee.content {
                value = String(cString: content)
            } else if let content = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1) {
                value = String(cString: content)
                academy_xmlFree(content)
            }
            if name == "lang", namespace == XMLAttribute.xmlNamespace { ownLanguage = value }
            attributes.append(XMLAttribute(name: name, namespace: namespace, value: value))
            attribute = current.pointee.next
        }
        return XMLElement(
            name: String(cString: node.pointee.name),
            namespace: node.pointee.ns?.pointee.href.map { String(cString: $0) },
            attributes: attributes,
            line: Int(xmlGetLineNo(node)),
            language: ownLanguage ?? language
        )
    }

    /// The namespace URI and local name of the root element, without copying the tree.
    public var rootName: (namespace: String?, name: String)? {
        guard let node = xmlDocGetRootElement(pointer) else { return nil }
        return (node.pointee.ns?.pointee.href.map { String(cString: $0) }, String(cString: node.pointee.name))
    }

    /// Validates the document against a compiled schema; every violation becomes an `S001` error.
    ///
    /// Validation contexts are made per call, so many documents can be validated with one schema at
    /// the same time on different tasks.
    public func validate(against schema: XMLSchema) -> [Diagnostic] {
        schema.validate(self)
    }
}
