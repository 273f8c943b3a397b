import AcademyXML

/// What reading `academy.xml` produced.
struct CatalogDraft: Sendable {
    var file: String
    var academy: Academy?
    /// Each `<modules><module>` entry with its line.
    var entries: [(entry: ModuleEntry, line: Int)] = []
    /// The line of `<modules>`.
    var modulesLine: Int?
    var declarations: [Declaration] = []
    var references: [Reference] = []
    /// The text of every id in ``declarations`` and ``references``.
    var ids = IDBuffer()
    var findings: [Finding] = []
}

/// Reads the catalog: parse, schema check, and the ``Academy`` model.
struct CatalogReader {
    let paths: ContentPaths

    func read() -> CatalogDraft {
        let file = paths.path("academy.xml")
        var draft = CatalogDraft(file: file)
        let parsed = XMLParser.parse(fileAt: paths.path("academy.xml"), displayPath: file, validatingAgainst: try? AcademySchemas.catalog.get())
        draft.findings += parsed.diagnostics.map { Finding($0) }
        guard let root = parsed.document?.root else { return draft }
        if let wrongRoot = ManifestContext.checkRoot(root, expected: "academy", namespace: AcademySchemas.catalogNamespace, file: file) {
            draft.findings.append(wrongRoot)
            return draft
        }
        switch AcademySchemas.catalog {
        case .success:
            draft.findings += parsed.schemaDiagnostics.map(SchemaHints.finding)
        case let .failure(error):
            draft.findings.append(Finding(.error, "S000", error.description, file: file, line: nil))
        }
        var context = ManifestContext(file: file, language: root.ownLanguage ?? "nl")
        var titles = TranslatedElements()
        var summaries = TranslatedElements()
        var academy = Academy(
            id: root["id"] ?? "",
            version: root["version"].flatMap { Int($0) } ?? 1,
            language: context.language,
            title: LocalizedText(""),
            summary: LocalizedText("")
        )
        for child in root.children {
            if child.hasName("title") {
                titles.append(child)
            } else if child.hasName("summary") {
                summaries.append(child)
            } else if child.hasName("coreValue") || child.hasName("instrument") {
                let isInstrument = child.hasName("instrument")
                let item = namedItem(child, kind: isInstrument ? "instrument" : "core value", context: &context)
                draft.declarations.append(Declaration(kind: isInstrument ? .instrument : .coreValue, key: draft.ids.add(item.id), line: child.line))
                if isInstrument { academy.instruments.append(item) } else { academy.coreValues.append(item) }
            } else if child.hasName("modules") {
                draft.modulesLine = child.line
                for entry in child.children(named: "module") {
                    guard let ref = entry["ref"], let folder = entry["folder"] else { continue }
                    draft.entries.append((ModuleEntry(id: ref, folder: folder), entry.line))
                }
            } else if child.hasName("track") {
                let track = track(child, context: &context, draft: &draft)
                draft.declarations.append(Declaration(kind: .track, key: draft.ids.add(track.id), line: child.line))
                academy.tracks.append(track)
            }
        }
        academy.title = context.localizedText(titles, of: root, what: "the academy's title") ?? academy.title
        academy.summary = context.localizedText(summaries, of: root, what: "the academy's summary") ?? academy.summary
        academy.moduleEntries = draft.entries.map(\.entry)
        draft.findings += context.findings
        draft.academy = academy
        return draft
    }

    private func namedItem(_ element: XMLNode, kind: String, context: inout ManifestContext) -> CatalogItem {
        let id = element["id"] ?? ""
        return CatalogItem(
            id: id,
            title: context.localizedText(TranslatedElements("title", of: element), of: element, what: "the title of \(kind) '\(id)'") ?? LocalizedText(""),
            summary: context.localizedText(TranslatedElements("summary", of: element), of: element, what: "the summary of \(kind) '\(id)'")
        )
    }

    private func track(_ element: XMLNode, context: inout ManifestContext, draft: inout CatalogDraft) -> Track {
        let id = element["id"] ?? ""
        var moduleIDs: [String] = []
        var listed: Set<String> = []
        for entry in element.children(named: "module") {
            guard let ref = entry["ref"] else { continue }
            if !listed.insert(ref).inserted {
                context.report(
                    .error,
                    "C001",
                    "track '\(id)' lists module '\(ref)' twice: keep one",
                    line: entry.line,
                    anchor: .attribute("ref", value: ref)
                )
            }
            moduleIDs.append(ref)
            draft.references.append(Reference(kind: .trackModule, target: draft.ids.add(ref), line: entry.line))
        }
        return Track(
            id: id,
            title: context.localizedText(TranslatedElements("title", of: element), of: element, what: "the title of track '\(id)'") ?? LocalizedText(""),
            summary: context.localizedText(TranslatedElements("summary", of: element), of: element, what: "the summary of track '\(id)'"),
            role: element["role"].flatMap(Role.init(rawValue:)),
            schoolType: element["schoolType"].flatMap(SchoolType.init(rawValue:)),
            moduleIDs: moduleIDs
        )
    }
}
