/// A list that is nearly always one or two long, such as the translations of one title: the first
/// two elements are kept in place, so a list of two allocates nothing. Manifests have tens of
/// thousands of such lists.
struct SmallList<Element>: Sequence {
    /// The first element appended.
    private(set) var first: Element?
    private var second: Element?
    private var more: [Element] = []

    init() {}

    mutating func append(_ element: Element) {
        if first == nil {
            first = element
        } else if second == nil {
            second = element
        } else {
            more.append(element)
        }
    }

    func makeIterator() -> Iterator { Iterator(list: self) }

    /// The elements in the order they were appended.
    struct Iterator: IteratorProtocol {
        let list: SmallList
        var position = 0

        mutating func next() -> Element? {
            defer { position += 1 }
            switch position {
            case 0: return list.first
            case 1: return list.second
            default: return position - 2 < list.more.count ? list.more[position - 2] : nil
            }
        }
    }
}

extension SmallList where Element: Equatable {
    func contains(_ element: Element) -> Bool {
        first == element || second == element || more.contains(element)
    }
}
