import AcademyXML

/// What catalog and module readers share: reading localized text and recording findings for one file.
struct ManifestContext {
    /// The file's path as shown to the user.
    let file: String
    /// The document's language (the root's xml:lang).
    let language: String
    /// The languages every title and summary must have.
    var requiredLanguages: [String] { language == "en" ? ["en"] : [language, "en"] }
    var findings: [Finding] = []

    init(file: String, language: String) {
        self.file = file
        self.language = language
    }

    mutating func report(
        _ severity: Diagnostic.Severity,
        _ code: String,
        _ message: String,
        line: Int?,
        anchor: Finding.Anchor? = nil
    ) {
        findings.append(Finding(severity, code, message, file: file, line: line, anchor: anchor))
    }

    /// The text of `elements` (such as every `<title>` of an element) by language.
    ///
    /// Reports a language given twice (`C019`) and, when `requireTranslation`, a missing
    /// translation (`C010`) at `owner`.
    mutating func localizedText(
        _ elements: [XMLElement],
        of owner: XMLElement,
        what: String,
        requireTranslation: Bool = true
    ) -> LocalizedText? {
        guard !elements.isEmpty else { return nil }
        var translations: [String: String] = [:]
        for element in elements {
            let language = element.language ?? self.language
            if translations[language] != nil {
                report(
                    .error,
                    "C019",
                    "\(what) is given twice in language '\(language)': keep one, or mark the translation with xml:lang",
                    line: element.line,
                    anchor: .element(element.name)
                )
                continue
            }
            translations[language] = Self.normalized(element.text)
        }
        if requireTranslation {
            for language in requiredLanguages where translations[language] == nil {
                let name = elements[0].name
                report(
                    .warning,
                    "C010",
                    "\(what) has no translation in '\(language)': add <\(name) xml:lang=\"\(language)\">…</\(name)>",
                    line: owner.line,
                    anchor: .element(owner.name)
                )
            }
        }
        return LocalizedText(translations: translations, primaryLanguage: language)
    }

    /// Text with runs of white space (from indentation and line breaks) made single spaces, but
    /// blank lines kept as paragraph breaks.
    static func normalized(_ text: String) -> String {
        guard text.contains(where: { $0.isNewline || $0 == "\t" || $0 == " " }) else { return text }
        let paragraphs = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            .split(whereSeparator: \.isEmpty)
            .map { $0.joined(separator: " ") }
        return paragraphs.joined(separator: "\n\n")
    }

    /// The root element's check: the expected name in the expected namespace, else `X008`.
    static func checkRoot(_ root: XMLElement, expected name: String, namespace: String, file: String) -> Finding? {
        if root.name == name, root.namespace == namespace { return nil }
        let found = root.namespace.map { "<\(root.name) xmlns=\"\($0)\">" } ?? "<\(root.name)> without a namespace"
        return Finding(
            .error,
            "X008",
            "the root element is \(found), but this file must hold <\(name) xmlns=\"\(namespace)\">: "
                + "correct the root element's name or namespace",
            file: file,
            line: root.line,
            anchor: .element(root.name)
        )
    }
}
