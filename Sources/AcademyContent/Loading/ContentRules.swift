import AcademyXML

/// The rules that look across files: ids unique in the academy, references that resolve, no
/// circular prerequisites, and a catalog that matches the module folders.
struct ContentRules {
    let catalog: CatalogDraft?
    /// The module drafts, with each one's position in the catalog (from 1) when it is listed.
    let modules: [(draft: ModuleDraft, position: Int?)]

    /// An id of one kind.
    struct Key: Hashable {
        var kind: Declaration.Kind
        var id: String
    }

    func findings() -> [Finding] {
        var findings: [Finding] = []
        let declared = declarations(reporting: &findings)
        findings += catalogMatches()
        findings += unresolvedReferences(declared)
        findings += circularRequirements()
        findings += coverage()
        return findings
    }

    /// Every id's first declaration; a later declaration of the same id is a duplicate (`C001`).
    private func declarations(reporting findings: inout [Finding]) -> [Key: Declaration] {
        var count = catalog?.declarations.count ?? 0
        for index in modules.indices { count += modules[index].draft.declarations.count }
        var first: [Key: Declaration] = [:]
        first.reserveCapacity(count)
        func add(_ declaration: Declaration) {
            let key = Key(kind: declaration.kind, id: declaration.id)
            if let earlier = first[key] {
                let message = "duplicate \(declaration.kind.rawValue) id '\(declaration.id)': it is already used at "
                    + "\(earlier.file):\(earlier.line); ids must be unique in the academy, so rename one"
                findings.append(
                    Finding(.error, "C001", message, file: declaration.file, line: declaration.line, anchor: .attribute("id", value: declaration.id))
                )
            } else {
                first[key] = declaration
            }
        }
        for declaration in catalog?.declarations ?? [] { add(declaration) }
        for index in modules.indices {
            for declaration in modules[index].draft.declarations { add(declaration) }
        }
        return first
    }

    private func catalogMatches() -> [Finding] {
        guard let catalog else { return [] }
        var findings: [Finding] = []
        for (draft, position) in modules {
            guard let module = draft.module, let line = draft.line else { continue }
            guard let position else {
                let message = "the module folder '\(draft.folder)' is not listed in \(catalog.file): add "
                    + "<module ref=\"\(module.id)\" folder=\"\(draft.folder)\"/> to <modules>, or remove the folder"
                findings.append(Finding(.error, "C007", message, file: catalog.file, line: catalog.modulesLine, anchor: .element("modules")))
                continue
            }
            let entry = catalog.entries[position - 1]
            if module.id != entry.entry.id {
                let message = "the module's id is '\(module.id)', but \(catalog.file):\(entry.line) lists this folder as '\(entry.entry.id)': "
                    + "make them the same"
                findings.append(Finding(.error, "C014", message, file: draft.file, line: line, anchor: .attribute("id", value: module.id)))
            }
            if module.number != position {
                let message = "the module's number is \(module.number), but it is module \(position) in \(catalog.file): "
                    + "write number=\"\(position)\""
                findings.append(Finding(.error, "C013", message, file: draft.file, line: line, anchor: .attribute("number", value: String(module.number))))
            }
        }
        return findings
    }

    private func unresolvedReferences(_ declared: [Key: Declaration]) -> [Finding] {
        // Modules the catalog lists count as known even when their manifest could not be read, so one
        // broken manifest does not make every reference to it an error too.
        let listed = Set(catalog?.entries.map(\.entry.id) ?? [])
        func isKnown(_ kind: Declaration.Kind, _ id: String) -> Bool {
            declared[Key(kind: kind, id: id)] != nil || (kind == .module && listed.contains(id))
        }
        func unknown(_ kind: Declaration.Kind, _ id: String, advice: String) -> String {
            let candidates = declared.keys.filter { $0.kind == kind }.map(\.id) + (kind == .module ? Array(listed) : [])
            let suggestion = Suggestions.closest(to: id, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
            return "unknown \(kind.rawValue) '\(id)'\(suggestion): \(advice)"
        }
        var findings: [Finding] = []
        func check(_ reference: Reference) {
            switch reference.kind {
            case .requiredModule, .trackModule:
                guard !isKnown(.module, reference.target) else { return }
                let attribute = if case .requiredModule = reference.kind { "module" } else { "ref" }
                let message = unknown(.module, reference.target, advice: "use the id of a module in the catalog")
                findings.append(
                    Finding(.error, "C002", message, file: reference.file, line: reference.line, anchor: .attribute(attribute, value: reference.target))
                )
            case let .video(at):
                guard let video = declared[Key(kind: .video, id: reference.target)] else {
                    let message = unknown(.video, reference.target, advice: "use the id of a video in the academy")
                    findings.append(
                        Finding(.error, "C003", message, file: reference.file, line: reference.line, anchor: .attribute("video", value: reference.target))
                    )
                    return
                }
                if let at, let duration = video.duration, at > duration {
                    let message = "the moment \(at.iso8601) is past the end of video '\(reference.target)' (\(duration.iso8601)): "
                        + "pick a moment inside the video"
                    findings.append(
                        Finding(.error, "C015", message, file: reference.file, line: reference.line, anchor: .attribute("at", value: nil))
                    )
                }
            case .instrument:
                guard catalog?.academy != nil, !isKnown(.instrument, reference.target) else { return }
                let message = unknown(.instrument, reference.target, advice: "use an instrument declared in the catalog")
                findings.append(
                    Finding(.error, "C004", message, file: reference.file, line: reference.line, anchor: .attribute("ref", value: reference.target))
                )
            }
        }
        for reference in catalog?.references ?? [] { check(reference) }
        for index in modules.indices {
            for reference in modules[index].draft.references { check(reference) }
        }
        return findings
    }

    private func circularRequirements() -> [Finding] {
        var requires: [String: [String]] = [:]
        var places: [String: (file: String, line: Int?)] = [:]
        for (draft, _) in modules {
            guard let module = draft.module else { continue }
            requires[module.id] = module.requiredModuleIDs
            places[module.id] = (draft.file, draft.line)
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
        let taught = Set(modules.flatMap { $0.draft.module?.instrumentIDs ?? [] })
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
