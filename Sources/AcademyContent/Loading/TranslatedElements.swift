import AcademyXML

/// The elements that give one text in its languages, such as the `<title>`s of a video, gathered
/// while the owner's children are read once.
typealias TranslatedElements = SmallList<XMLNode>

extension SmallList where Element == XMLNode {
    /// The children of `owner` named `name`.
    init(_ name: StaticString, of owner: XMLNode) {
        self.init()
        for child in owner.children where child.hasName(name) { append(child) }
    }
}
