import AcademyXML

/// The rules that look across files: ids unique in the academy, references that resolve, no
/// circular prerequisites, and a catalog that matches the module folders.
struct ContentRules: Sendable {
    let catalog: CatalogDraft?
    /// The module drafts, with each one's position in the catalog (from 1) when it is listed.
    let modules: [(draft: ModuleDraft, position: Int?)]

    /// Where a declaration is: in the catalog (`module` -1) or in a module draft, by index. Tables
    /// hold positions, not copies, so that tens of thousands of ids cost no reference counting.
    struct Position {
        var module: Int32
        var index: Int32
    }

    /// The first declaration of every id, one table per kind of id.
    struct DeclarationTables {
        var tables: [IDTable]

        init(capacity: Int) {
            tables = Declaration.Kind.allCases.map { kind in
                IDTable(capacity: kind == .step || kind == .video ? capacity : capacity / 4)
            }
        }
    }

    /// Every finding. Video ids and the references to them (the most numerous, with step ids) are
    /// checked on another core while this one checks every other kind.
    func findings() async -> [Finding] {
        let videos: Set<Declaration.Kind> = [.video]
        let others = Set(Declaration.Kind.allCases).subtracting(videos)
        async let videoFindings = findings(about: videos)
        var findings = self.findings(about: others)
        findings += catalogMatches()
        findings += circularRequirements()
        findings += coverage()
        return await videoFindings + findings
    }

    /// Duplicate ids of `kinds`, and references to ids of those kinds that do not resolve.
    private func findings(about kinds: Set<Declaration.Kind>) -> [Finding] {
        // By the kind's table index: a lookup per id that hashes nothing.
        let wanted = Declaration.Kind.allCases.map { kinds.contains($0) }
        var findings: [Finding] = []
        let declared = declarations(of: wanted, reporting: &findings)
        findings += unresolvedReferences(to: wanted, declared)
        return findings
    }

    private func declaration(at position: Position) -> Declaration {
        position.module < 0 ? catalog!.declarations[Int(position.index)] : modules[Int(position.module)].draft.declarations[Int(position.index)]
    }

    /// Whether the declaration at `position` declares `key`'s id; compared in place.
    private func declares(_ key: HashedID, at position: Position) -> Bool {
        if position.module < 0 { return catalog!.declarations[Int(position.index)].key.id == key.id }
        return modules[Int(position.module)].draft.declarations[Int(position.index)].key.id == key.id
    }

    /// The duration of the video declared at `position`, read in place.
    private func duration(at position: Position) -> MediaDuration? {
        if position.module < 0 { return catalog!.declarations[Int(position.index)].duration }
        return modules[Int(position.module)].draft.declarations[Int(position.index)].duration
    }

    /// Where the first declaration of `key`'s id as a `kind` is, if it is declared.
    private func position(of kind: Declaration.Kind, _ key: HashedID, in declared: DeclarationTables) -> Position? {
        declared.tables[kind.tableIndex].position(hash: key.hash) { declares(key, at: $0) }
    }

    /// The ids declared as a `kind`.
    private func ids(of kind: Declaration.Kind, in declared: DeclarationTables) -> [String] {
        declared.tables[kind.tableIndex].positions.map { declaration(at: $0).id }
    }

    /// Every id's first declaration; a later declaration of the same id is a duplicate (`C001`).
    private func declarations(of wanted: [Bool], reporting findings: inout [Finding]) -> DeclarationTables {
        var count = catalog?.declarations.count ?? 0
        for index in modules.indices { count += modules[index].draft.declarations.count }
        var tables = DeclarationTables(capacity: count)
        func add(_ declarations: [Declaration], module: Int32) {
            for index in declarations.indices {
                let kind = declarations[index].kind
                guard wanted[kind.tableIndex] else { continue }
                let position = Position(module: module, index: Int32(index))
                let existing = tables.tables[kind.tableIndex].insert(position, hash: declarations[index].key.hash) {
                    declares(declarations[index].key, at: $0)
                }
                // The first declaration stays the one on record.
                guard let existing else { continue }
                let declaration = declarations[index]
                let earlier = self.declaration(at: existing)
                let message = "duplicate \(declaration.kind.rawValue) id '\(declaration.id)': it is already used at "
                    + "\(earlier.file):\(earlier.line); ids must be unique in the academy, so rename one"
                findings.append(
                    Finding(.error, "C001", message, file: declaration.file, line: declaration.line, anchor: .attribute("id", value: declaration.id))
                )
            }
        }
        if let catalog { add(catalog.declarations, module: -1) }
        for index in modules.indices { add(modules[index].draft.declarations, module: Int32(index)) }
        return tables
    }

    private func catalogMatches() -> [Finding] {
        guard let catalog else { return [] }
        var findings: [Finding] = []
        // By index: a copy of each draft would count references to all it holds.
        for index in modules.indices {
            guard let module = modules[index].draft.outline, let line = modules[index].draft.line else { continue }
            guard let position = modules[index].position else {
                let draft = modules[index].draft
                let message = "the module folder '\(draft.folder)' is not listed in \(catalog.file): add "
                    + "<module ref=\"\(module.id)\" folder=\"\(draft.folder)\"/> to <modules>, or remove the folder"
                findings.append(Finding(.error, "C007", message, file: catalog.file, line: catalog.modulesLine, anchor: .element("modules")))
                continue
            }
            let entry = catalog.entries[position - 1]
            let file = modules[index].draft.file
            if module.id != entry.entry.id {
                let message = "the module's id is '\(module.id)', but \(catalog.file):\(entry.line) lists this folder as '\(entry.entry.id)': "
                    + "make them the same"
                findings.append(Finding(.error, "C014", message, file: file, line: line, anchor: .attribute("id", value: module.id)))
            }
            if module.number != position {
                let message = "the module's number is \(module.number), but it is module \(position) in \(catalog.file): "
                    + "write number=\"\(position)\""
                findings.append(Finding(.error, "C013", message, file: file, line: line, anchor: .attribute("number", value: String(module.number))))
            }
        }
        return findings
    }

    private func unresolvedReferences(to wanted: [Bool], _ declared: DeclarationTables) -> [Finding] {
        // Modules the catalog lists count as known even when their manifest could not be read, so one
        // broken manifest does not make every reference to it an error too.
        let listed = Set(catalog?.entries.map(\.entry.id) ?? [])
        func isKnown(_ kind: Declaration.Kind, _ key: HashedID) -> Bool {
            position(of: kind, key, in: declared) != nil || (kind == .module && listed.contains(key.id))
        }
        func unknown(_ kind: Declaration.Kind, _ id: String, advice: String) -> String {
            let candidates = ids(of: kind, in: declared) + (kind == .module ? Array(listed) : [])
            let suggestion = Suggestions.closest(to: id, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
            return "unknown \(kind.rawValue) '\(id)'\(suggestion): \(advice)"
        }
        var findings: [Finding] = []
        // A reference is read in place, and copied (which counts references to its strings) only
        // for a finding: tens of thousands resolve.
        func check(_ references: [Reference], _ index: Int) {
            switch references[index].kind {
            case .requiredModule, .trackModule:
                guard !isKnown(.module, references[index].targetKey) else { return }
                let reference = references[index]
                let attribute = if case .requiredModule = reference.kind { "module" } else { "ref" }
                let message = unknown(.module, reference.target, advice: "use the id of a module in the catalog")
                findings.append(
                    Finding(.error, "C002", message, file: reference.file, line: reference.line, anchor: .attribute(attribute, value: reference.target))
                )
            case let .video(at):
                guard let position = position(of: .video, references[index].targetKey, in: declared) else {
                    let reference = references[index]
                    let message = unknown(.video, reference.target, advice: "use the id of a video in the academy")
                    findings.append(
                        Finding(.error, "C003", message, file: reference.file, line: reference.line, anchor: .attribute("video", value: reference.target))
                    )
                    return
                }
                if let at, let duration = duration(at: position), at > duration {
                    let reference = references[index]
                    let message = "the moment \(at.iso8601) is past the end of video '\(reference.target)' (\(duration.iso8601)): "
                        + "pick a moment inside the video"
                    findings.append(
                        Finding(.error, "C015", message, file: reference.file, line: reference.line, anchor: .attribute("at", value: nil))
                    )
                }
            case .instrument:
                guard catalog?.academy != nil, !isKnown(.instrument, references[index].targetKey) else { return }
                let reference = references[index]
                let message = unknown(.instrument, reference.target, advice: "use an instrument declared in the catalog")
                findings.append(
                    Finding(.error, "C004", message, file: reference.file, line: reference.line, anchor: .attribute("ref", value: reference.target))
                )
            }
        }
        func checkAll(_ references: [Reference]) {
            for index in references.indices where wanted[references[index].kind.targetKind.tableIndex] {
                check(references, index)
            }
        }
        if let catalog { checkAll(catalog.references) }
        for module in modules.indices { checkAll(modules[module].draft.references) }
        return findings
    }

    private func circularRequirements() -> [Finding] {
        var requires: [String: [String]] = [:]
        var places: [String: (file: String, line: Int?)] = [:]
        requires.reserveCapacity(modules.count)
        places.reserveCapacity(modules.count)
        for index in modules.indices {
            guard let id = modules[index].draft.outline?.id else { continue }
            requires[id] = modules[index].draft.outline?.requiredModuleIDs
            places[id] = (modules[index].draft.file, modules[index].draft.line)
        }
        // Iterative depth-first search; a cycle is reported at the first module found on it, once per module.
        var state: [String: Int] = [:]  // 1: on the current path, 2: done
        var findings: [Finding] = []
        var reported: Set<String> = []
        for start in requires.keys.sorted() where state[start] == nil {
            var path: [String] = [start]
            var iterators: [[String].Iterator] = [(requires[start] ?? []).makeIterator()]
            state[start] = 1
            while !path.isEmpty {
                if let next = iterators[iterators.count - 1].next() {
                    switch state[next] {
                    case nil where requires[next] != nil:
                        state[next] = 1
                        path.append(next)
                        iterators.append((requires[next] ?? []).makeIterator())
                    case 1?:
                        let cycle = Array(path[path.lastIndex(of: next)!...]) + [next]
                        let owner = cycle[0]
                        if reported.insert(owner).inserted, let place = places[owner] {
                            let message = "circular requirement: " + cycle.joined(separator: " → ")
                                + ": a module cannot (indirectly) require itself; remove one of these <requires>"
                            let finding = Finding(.error, "C005", message, file: place.file, line: place.line, anchor: .element("module"))
                            findings.append(finding)
                        }
                    default:
                        break
                    }
                } else {
                    state[path.removeLast()] = 2
                    iterators.removeLast()
                }
            }
        }
        return findings
    }

    private func coverage() -> [Finding] {
        guard let catalog, let academy = catalog.academy else { return [] }
        var findings: [Finding] = []
        var taught: Set<String> = []
        for index in modules.indices {
            for id in modules[index].draft.outline?.instrumentIDs ?? [] { taught.insert(id) }
        }
        for declaration in catalog.declarations where declaration.kind == .instrument && !taught.contains(declaration.id) {
            findings.append(
                Finding(
                    .warning,
                    "C020",
                    "no module teaches instrument '\(declaration.id)': add <instrument ref=\"\(declaration.id)\"/> to the modules that teach it",
                    file: catalog.file,
                    line: declaration.line,
                    anchor: .attribute("id", value: declaration.id)
                )
            )
        }
        if !academy.tracks.isEmpty {
            let inTracks = Set(academy.tracks.flatMap(\.moduleIDs))
            for (entry, line) in catalog.entries where !inTracks.contains(entry.id) {
                findings.append(
                    Finding(
                        .warning,
                        "C021",
                        "module '\(entry.id)' is in no track: add it to the tracks of the learners it is for",
                        file: catalog.file,
                        line: line,
                        anchor: .attribute("ref", value: entry.id)
                    )
                )
            }
        }
        return findings
    }

}
