/// Text in one or more languages, such as a title in Dutch with its English translation.
///
/// It encodes as an object from language tag to text: `{"en": "Why a board session?", "nl": "Waarom een bordsessie?"}`.
public struct LocalizedText: Sendable, Hashable, Codable {
    /// The text per language tag.
    public private(set) var translations: [String: String]
    /// The language of the document the text comes from; the fallback when a language is missing.
    public private(set) var primaryLanguage: String

    /// Creates text in `primaryLanguage`, with optional translations.
    public init(_ text: String, language primaryLanguage: String = "nl", translations: [String: String] = [:]) {
        self.primaryLanguage = primaryLanguage
        self.translations = translations
        self.translations[primaryLanguage] = text
    }

    init(translations: [String: String], primaryLanguage: String) {
        self.translations = translations
        self.primaryLanguage = primaryLanguage
    }

    /// The text in the primary language (or any language, if that one is missing).
    public var text: String {
        translations[primaryLanguage] ?? translations.values.sorted().first ?? ""
    }

    /// The text in `language` (or in its base language, so "en-GB" finds "en"), if present.
    public subscript(language: String) -> String? {
        if let exact = translations[language] { return exact }
        let base = language.split(separator: "-").first.map(String.init) ?? language
        return translations[base]
    }

    /// The text in the first of `languages` that is present, else in the primary language.
    public func text(preferring languages: [String]) -> String {
        for language in languages {
            if let text = self[language] { return text }
        }
        return text
    }

    /// The languages present, sorted.
    public var languages: [String] { translations.keys.sorted() }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let translations = try container.decode([String: String].self)
        self.init(translations: translations, primaryLanguage: translations["nl"] != nil ? "nl" : translations.keys.sorted().first ?? "nl")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(translations)
    }
}
