internal import CLibXML2

#if canImport(Glibc)
import Glibc
#endif

/// Receives libxml2's SAX2 events for one parse and keeps what an ``XMLDocument`` needs: element
/// names, namespaces, lines, attributes and text, in flat arrays.
///
/// It also answers the schema validator's question "which line is this?" while validation streams
/// along with the parse: the line of the element just opened, or of the element just closed when a
/// content model is checked at its end tag, as a validation of a tree would report it.
final class XMLTreeBuilder {
    /// The builder's state, where libxml2's callbacks find it: through a pointer, so that the
    /// thousands of events of a parse pay no exclusivity checks.
    let state: UnsafeMutablePointer<State>

    /// A builder for the parse `context`. With `textOf`, only elements with those local names keep
    /// their text; every other element's text is empty.
    init(context: xmlParserCtxtPtr, expectedSize: Int, textOf names: [StaticString]? = nil) {
        state = .allocate(capacity: 1)
        state.initialize(to: State(context: context, expectedSize: expectedSize))
        if let names, let dictionary = context.pointee.dict {
            // The parser hands out names from its dictionary, so each name is one pointer to compare.
            state.pointee.namesWithText = names.compactMap { xmlDictLookup(dictionary, $0.utf8Start, Int32($0.utf8CodeUnitCount)) }
        }
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    var pointer: UnsafeMutableRawPointer { UnsafeMutableRawPointer(state) }

    static func state(_ pointer: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<State> {
        pointer!.assumingMemoryBound(to: State.self)
    }

    /// The document, once the parse succeeded.
    func document(path: String, source: [UInt8]) -> XMLDocument? {
        state.pointee.document(path: path, source: source)
    }

    /// The line of a document type declaration, which stops the parse.
    var documentTypeLine: Int? { state.pointee.documentTypeLine }

    /// Points the parser's SAX2 handler at this builder. Everything else libxml2 would do with the
    /// events (build a tree, look up entities, read a DTD) stays off.
    func install() {
        let context = state.pointee.context
        guard let handler = context.pointee.sax else { return }
        handler.pointee = xmlSAXHandler()
        handler.pointee.initialized = XML_SAX2_MAGIC
        handler.pointee.startElementNs = startElementHandler
        handler.pointee.endElementNs = endElementHandler
        handler.pointee.characters = charactersHandler
        // A schema validator plugged in passes CDATA sections on as ignorable white space.
        handler.pointee.ignorableWhitespace = charactersHandler
        handler.pointee.cdataBlock = charactersHandler
        handler.pointee.internalSubset = documentTypeHandler
        context.pointee.userData = pointer
    }
}

extension XMLTreeBuilder {
    /// What a parse has built so far.
    struct State {
        let context: xmlParserCtxtPtr
        private var elements: [XMLDocument.Element] = []
        private var attributes: [XMLDocument.Attribute] = []
        private var bytes: [UInt8] = []
        private var namespaces: [String] = [XMLNode.xmlNamespace]
        /// Namespace URIs come from the parser's dictionary, so one URI is one pointer in a parse.
        private var namespacePointers: [(pointer: UnsafePointer<xmlChar>, index: Int32)] = []
        /// Element and attribute names come from the dictionary too: each is kept in ``bytes`` once,
        /// and found again by its pointer in this small direct-mapped table.
        private var names = [(pointer: UnsafePointer<xmlChar>?, span: XMLDocument.Span)](repeating: (nil, .empty), count: 64)
        /// The open elements, innermost last, with the last child seen of each and whether it keeps its text.
        private var open: [(element: Int32, lastChild: Int32, keepsText: Bool)] = []
        /// Character data of each open element by depth; buffers are reused as depths come and go.
        private var texts: [[UInt8]] = []
        /// When set, the names of the only elements whose text is kept.
        fileprivate var namesWithText: [UnsafePointer<xmlChar>]?
        private var endedLine: Int32 = 0
        private var isAtEndTag = false
        /// The line of a document type declaration, which stops the parse.
        private(set) var documentTypeLine: Int?

        fileprivate init(context: xmlParserCtxtPtr, expectedSize: Int) {
            self.context = context
            // About one element per 40 bytes of a manifest, and fewer bytes kept than read.
            elements.reserveCapacity(expectedSize / 40 + 4)
            attributes.reserveCapacity(expectedSize / 60 + 4)
            bytes.reserveCapacity(expectedSize / 2 + 16)
        }

        /// The document, once the parse succeeded.
        fileprivate func document(path: String, source: [UInt8]) -> XMLDocument? {
            guard !elements.isEmpty else { return nil }
            return XMLDocument(path: path, elements: elements, attributes: attributes, bytes: bytes, namespaces: namespaces, source: source)
        }

        /// The line the validator's current complaint is about.
        var currentLine: Int {
            if isAtEndTag { return Int(endedLine) }
            return open.last.map { Int(elements[Int($0.element)].line) } ?? Int(context.pointee.input?.pointee.line ?? 0)
        }

        fileprivate mutating func startElement(
            localName: UnsafePointer<xmlChar>,
            uri: UnsafePointer<xmlChar>?,
            attributeCount: Int,
            attributeFields: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
        ) {
            isAtEndTag = false
            let index = Int32(elements.count)
            let name = interned(localName)
            let namespace = uri.map { namespaceIndex($0) } ?? -1
            let firstAttribute = Int32(attributes.count)
            if let attributeFields {
                // Five pointers per attribute: local name, prefix, URI, value start, value end.
                for position in 0..<attributeCount {
                    let fields = attributeFields + position * 5
                    guard let attributeName = fields[0], let value = fields[3], let end = fields[4] else { continue }
                    let name = interned(attributeName)
                    let namespace = fields[2].map { namespaceIndex($0) } ?? -1
                    let span = appendValue(value, count: end - value)
                    attributes.append(XMLDocument.Attribute(name: name, namespace: namespace, value: span))
                }
            }
            let line = Int32(clamping: context.pointee.input?.pointee.line ?? 0)
            elements.append(
                XMLDocument.Element(
                    name: name,
                    namespace: namespace,
                    line: line,
                    firstAttribute: firstAttribute,
                    attributeCount: Int32(attributes.count) - firstAttribute
                )
            )
            if let parent = open.indices.last {
                let previous = open[parent].lastChild
                if previous >= 0 {
                    elements[Int(previous)].nextSibling = index
                } else {
                    elements[Int(open[parent].element)].firstChild = index
                }
                open[parent].lastChild = index
            }
            open.append((index, -1, namesWithText?.contains(localName) ?? true))
            if texts.count < open.count {
                // Room for a title's text at once, rather than growing it a few bytes at a time.
                texts.append([])
                texts[open.count - 1].reserveCapacity(256)
            } else {
                texts[open.count - 1].removeAll(keepingCapacity: true)
            }
        }

        fileprivate mutating func endElement() {
            guard let (index, _, _) = open.popLast() else { return }
            let depth = open.count
            if !texts[depth].isEmpty {
                let start = Int32(bytes.count)
                bytes.append(contentsOf: texts[depth])
                elements[Int(index)].text = XMLDocument.Span(start: start, count: Int32(texts[depth].count))
            }
            endedLine = elements[Int(index)].line
            isAtEndTag = true
        }

        fileprivate mutating func characters(_ characters: UnsafePointer<xmlChar>, count: Int) {
            isAtEndTag = false
            guard let innermost = open.last, innermost.keepsText, count > 0 else { return }
            texts[open.count - 1].append(contentsOf: UnsafeBufferPointer(start: characters, count: count))
        }

        fileprivate mutating func documentType() {
            documentTypeLine = max(1, Int(context.pointee.input?.pointee.line ?? 1))
            xmlStopParser(context)
        }

        /// The span of a name from the parser's dictionary, appended the first time it is seen.
        private mutating func interned(_ name: UnsafePointer<xmlChar>) -> XMLDocument.Span {
            let slot = Int(bitPattern: UInt(bitPattern: name) >> 4) & (names.count - 1)
            if names[slot].pointer == name { return names[slot].span }
            let span = append(name)
            names[slot] = (name, span)
            return span
        }

        private mutating func append(_ string: UnsafePointer<xmlChar>) -> XMLDocument.Span {
            let count = strlen(UnsafeRawPointer(string).assumingMemoryBound(to: CChar.self))
            let start = Int32(bytes.count)
            bytes.append(contentsOf: UnsafeBufferPointer(start: string, count: count))
            return XMLDocument.Span(start: start, count: Int32(count))
        }

        /// An attribute value as libxml2 hands it over: normalized and with references replaced, except
        /// that a literal `&` stays written as `&#38;` (as libxml2 does when it does not substitute
        /// entities), which is decoded here.
        private mutating func appendValue(_ value: UnsafePointer<xmlChar>, count: Int) -> XMLDocument.Span {
            let start = Int32(bytes.count)
            let buffer = UnsafeBufferPointer(start: value, count: count)
            if !buffer.contains(0x26) {
                bytes.append(contentsOf: buffer)
            } else {
                let reference: [UInt8] = Array("&#38;".utf8)
                var position = 0
                while position < count {
                    if buffer[position] == 0x26, position + 5 <= count, buffer[position..<position + 5].elementsEqual(reference) {
                        bytes.append(0x26)
                        position += 5
                    } else {
                        bytes.append(buffer[position])
                        position += 1
                    }
                }
            }
            return XMLDocument.Span(start: start, count: Int32(bytes.count) - start)
        }

        private mutating func namespaceIndex(_ uri: UnsafePointer<xmlChar>) -> Int32 {
            for known in namespacePointers where known.pointer == uri { return known.index }
            let text = String(cString: UnsafeRawPointer(uri).assumingMemoryBound(to: CChar.self))
            let index: Int32
            if let existing = namespaces.firstIndex(of: text) {
                index = Int32(existing)
            } else {
                index = Int32(namespaces.count)
                namespaces.append(text)
            }
            namespacePointers.append((uri, index))
            return index
        }
    }
}

private let startElementHandler: startElementNsSAX2Func = { data, localName, _, uri, _, _, attributeCount, _, attributes in
    guard let localName else { return }
    XMLTreeBuilder.state(data).pointee.startElement(localName: localName, uri: uri, attributeCount: Int(attributeCount), attributeFields: attributes)
}

private let endElementHandler: endElementNsSAX2Func = { data, _, _, _ in
    XMLTreeBuilder.state(data).pointee.endElement()
}

private let charactersHandler: charactersSAXFunc = { data, characters, count in
    guard let characters else { return }
    XMLTreeBuilder.state(data).pointee.characters(characters, count: Int(count))
}

/// `<!DOCTYPE`: stops the parser before it reads any declaration.
private let documentTypeHandler: internalSubsetSAXFunc = { data, _, _, _ in
    XMLTreeBuilder.state(data).pointee.documentType()
}
