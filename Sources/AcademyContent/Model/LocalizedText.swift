/// Text in one or more languages, such as a title in Dutch with its English translation.
///
/// It encodes as an object from language tag to text: `{"en": "Why a board session?", "nl": "Waarom een bordsessie?"}`.
public struct LocalizedText: Sendable, Hashable, Codable {
    /// One language's text.
    struct Translation: Sendable, Hashable {
        var language: String
        var text: String
    }

    /// The texts in document order; a handful at most, so a list beats a dictionary here.
    private(set) var entries: [Translation]
    /// The language of the document the text comes from; the fallback when a language is missing.
    public private(set) var primaryLanguage: String

    /// No text, in Dutch: what `LocalizedText("")` makes, made once.
    static let empty = LocalizedText("")

    /// Creates text in `primaryLanguage`, with optional translations.
    public init(_ text: String, language primaryLanguage: String = "nl", translations: [String: String] = [:]) {
        self.primaryLanguage = primaryLanguage
        self.entries = [Translation(language: primaryLanguage, text: text)]
        for (language, text) in translations.sorted(by: { $0.key < $1.key }) where language != primaryLanguage {
            entries.append(Translation(language: language, text: text))
        }
    }

    init(entries: [Translation], primaryLanguage: String) {
        self.entries = entries
        self.primaryLanguage = primaryLanguage
    }

    /// The text per language tag.
    public var translations: [String: String] {
        Dictionary(entries.map { ($0.language, $0.text) }, uniquingKeysWith: { first, _ in first })
    }

    /// The text in the primary language (or the first language present, if that one is missing).
    public var text: String {
        entries.first { $0.language == primaryLanguage }?.text ?? entries.first?.text ?? ""
    }

    /// The text in `language` (or in its base language, so "en-GB" finds "en"), if present.
    public subscript(language: String) -> String? {
        if let exact = entries.first(where: { $0.language == language }) { return exact.text }
        let base = language.split(separator: "-").first.map(String.init) ?? language
        return entries.first { $0.language == base }?.text
    }

    /// The text in the first of `languages` that is present, else in the primary language.
    public func text(preferring languages: [String]) -> String {
        for language in languages {
            if let text = self[language] { return text }
        }
        return text
    }

    /// The languages present, sorted.
    public var languages: [String] { entries.map(\.language).sorted() }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let translations = try container.decode([String: String].self)
        let primary = translations["nl"] != nil ? "nl" : translations.keys.sorted().first ?? "nl"
        self.init(translations[primary] ?? "", language: primary, translations: translations)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(translations)
    }
}
