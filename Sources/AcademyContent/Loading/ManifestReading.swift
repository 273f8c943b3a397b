import AcademyXML

/// What catalog and module readers share: reading localized text and recording findings for one file.
struct ManifestContext {
    /// The file's path as shown to the user.
    let file: String
    /// The document's language (the root's xml:lang).
    let language: String
    /// Whether texts are kept. A validation needs only their languages, and skips reading them.
    let keepsText: Bool
    var findings: [Finding] = []

    init(file: String, language: String, keepsText: Bool = true) {
        self.file = file
        self.language = language
        self.keepsText = keepsText
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

    /// The text of `elements` (such as every `<title>` of an element) by language, or `nil` when
    /// there are none.
    ///
    /// Reports a language given twice (`C019`) and, when `requireTranslation`, a missing
    /// translation (`C010`) at `owner`; `what` names the text in those findings, and is made only
    /// for a finding. Without texts kept, the languages are checked without allocating.
    mutating func localizedText(
        _ elements: TranslatedElements,
        of owner: XMLNode,
        what: @autoclosure () -> String,
        requireTranslation: Bool = true
    ) -> LocalizedText? {
        guard let firstElement = elements.first else { return nil }
        var entries: [LocalizedText.Translation] = []
        var seen = SmallList<String>()
        for element in elements {
            let language = element.ownLanguage ?? self.language
            if seen.contains(language) {
                report(
                    .error,
                    "C019",
                    "\(what()) is given twice in language '\(language)': keep one, or mark the translation with xml:lang",
                    line: element.line,
                    anchor: .element(element.name)
                )
                continue
            }
            seen.append(language)
            if keepsText { entries.append(LocalizedText.Translation(language: language, text: Self.normalized(element.text))) }
        }
        // Every title and summary must be in the document's language and in English.
        func require(_ required: String) {
            guard !seen.contains(required) else { return }
            let name = firstElement.name
            report(
                .warning,
                "C010",
                "\(what()) has no translation in '\(required)': add <\(name) xml:lang=\"\(required)\">…</\(name)>",
                line: owner.line,
                anchor: .element(owner.name)
            )
        }
        if requireTranslation {
            require(language)
            if language != "en" { require("en") }
        }
        // A validation checks the languages and keeps no text: every text is the same empty one.
        guard keepsText else { return LocalizedText.empty }
        return LocalizedText(entries: entries, primaryLanguage: language)
    }

    /// Text with runs of white space (from indentation and line breaks) made single spaces, but
    /// blank lines kept as paragraph breaks. Works on UTF-8 bytes: it runs for every text in every
    /// manifest.
    static func normalized(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        var newlines = 0
        var changed = false
        for byte in text.utf8 {
            switch byte {
            case 0x20, 0x09, 0x0D:
                if pendingSpace || bytes.isEmpty || byte != 0x20 { changed = true }
                pendingSpace = true
            case 0x0A:
                changed = true
                pendingSpace = true
                newlines += 1
            default:
                if pendingSpace, !bytes.isEmpty {
                    if newlines >= 2 {
                        bytes.append(0x0A)
                        bytes.append(0x0A)
                    } else {
                        bytes.append(0x20)
                    }
                }
                pendingSpace = false
                newlines = 0
                bytes.append(byte)
            }
        }
        if pendingSpace { changed = true }
        return changed ? String(decoding: bytes, as: UTF8.self) : text
    }

    /// The root element's check: the expected name in the expected namespace, else `X007`.
    static func checkRoot(_ root: XMLNode, expected name: String, namespace: String, file: String) -> Finding? {
        if root.name == name, root.namespace == namespace { return nil }
        let found = root.namespace.map { "<\(root.name) xmlns=\"\($0)\">" } ?? "<\(root.name)> without a namespace"
        return Finding(
            .error,
            "X007",
            "the root element is \(found), but this file must hold <\(name) xmlns=\"\(namespace)\">: "
                + "correct the root element's name or namespace",
            file: file,
            line: root.line,
            anchor: .element(root.name)
        )
    }
}
