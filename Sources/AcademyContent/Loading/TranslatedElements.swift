import AcademyXML

/// The elements that give one text in its languages, such as the `<title>`s of a video, gathered
/// while the owner's children are read once.
///
/// Nearly every text has one or two translations, and a manifest has tens of thousands of texts:
/// the first two elements are kept in place, so gathering them allocates nothing.
struct TranslatedElements: Sequence {
    /// The first element gathered.
    private(set) var first: XMLNode?
    private var second: XMLNode?
    private var more: [XMLNode] = []

    init() {}

    /// The children of `owner` named `name`.
    init(_ name: StaticString, of owner: XMLNode) {
        for child in owner.children where child.hasName(name) { append(child) }
    }

    mutating func append(_ element: XMLNode) {
        if first == nil {
            first = element
        } else if second == nil {
            second = element
        } else {
            more.append(element)
        }
    }

    func makeIterator() -> Iterator { Iterator(elements: self) }

    /// The elements in the order they were gathered.
    struct Iterator: IteratorProtocol {
        let elements: TranslatedElements
        var position = 0

        mutating func next() -> XMLNode? {
            defer { position += 1 }
            switch position {
            case 0: return elements.first
            case 1: return elements.second
            default: return position - 2 < elements.more.count ? elements.more[position - 2] : nil
            }
        }
    }
}
