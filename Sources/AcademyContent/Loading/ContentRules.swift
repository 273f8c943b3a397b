import AcademyXML

/// The rules that look across files: ids unique in the academy, references that resolve, no
/// circular prerequisites, and a catalog that matches the module folders.
struct ContentRules {
    let catalog: CatalogDraft?
    /// The module drafts, with each one's position in the catalog (from 1) when it is listed.
    let modules: [(draft: ModuleDraft, position: Int?)]

    func findings() -> [Finding] {
        var findings: [Finding] = []
        let declarations = (catalog?.declarations ?? []) + modules.flatMap(\.draft.declarations)
        findings += duplicateIDs(declarations)
        findings += catalogMatches()
        findings += unresolvedReferences(declarations)
        findings += circularRequirements()
        findings += coverage()
        return findings
    }

    private func duplicateIDs(_ declarations: [Declaration]) -> [Finding] {
        var first: [String: Declaration] = [:]
        var findings: [Finding] = []
        for declaration in declarations {
            let key = "\(declaration.kind.rawValue)\u{0}\(declaration.id)"
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
        return findings
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

    private func unresolvedReferences(_ declarations: [Declaration]) -> [Finding] {
        var known: [Declaration.Kind: Set<String>] = [:]
        for declaration in declarations { known[declaration.kind, default: []].insert(declaration.id) }
        // Modules the catalog lists count as known even when their manifest could not be read, so one
        // broken manifest does not make every reference to it an error too.
        known[.module, default: []].formUnion(catalog?.entries.map(\.entry.id) ?? [])
        var durations: [String: MediaDuration] = [:]
        for (draft, _) in modules {
            for video in draft.module?.videos ?? [] where video.duration.milliseconds > 0 { durations[video.id] = video.duration }
        }
        let references = (catalog?.references ?? []) + modules.flatMap(\.draft.references)
        var findings: [Finding] = []
        for reference in references {
            switch reference.kind {
            case .requiredModule, .trackModule:
                guard known[.module]?.contains(reference.target) != true else { continue }
                let attribute = if case .requiredModule = reference.kind { "module" } else { "ref" }
                findings.append(
                    Finding(
                        .error,
                        "C002",
                        "unknown module '\(reference.target)'\(suggestion(for: reference.target, among: known[.module])): "
                            + "use the id of a module in the catalog",
                        file: reference.file,
                        line: reference.line,
                        anchor: .attribute(attribute, value: reference.target)
                    )
                )
            case let .video(at):
                guard known[.video]?.contains(reference.target) == true else {
                    findings.append(
                        Finding(
                            .error,
                            "C003",
                            "unknown video '\(reference.target)'\(suggestion(for: reference.target, among: known[.video])): use the id of a video in the academy",
                            file: reference.file,
                            line: reference.line,
                            anchor: .attribute("video", value: reference.target)
                        )
                    )
                    continue
                }
                if let at, let duration = durations[reference.target], at > duration {
                    findings.append(
                        Finding(
                            .error,
                            "C015",
                            "the moment \(at.iso8601) is past the end of video '\(reference.target)' (\(duration.iso8601)): pick a moment inside the video",
                            file: reference.file,
                            line: reference.line,
                            anchor: .attribute("at", value: at.iso8601)
                        )
                    )
                }
            case .instrument:
                guard catalog?.academy != nil, known[.instrument]?.contains(reference.target) != true else { continue }
                findings.append(
                    Finding(
                        .error,
                        "C004",
                        "unknown instrument '\(reference.target)'\(suggestion(for: reference.target, among: known[.instrument])): "
                            + "use an instrument declared in the catalog",
                        file: reference.file,
                        line: reference.line,
                        anchor: .attribute("ref", value: reference.target)
                    )
                )
            }
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
        // Iterative depth-first search; each cycle is reported once, at the first module found on it.
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
                        if reported.insert(Set(cycle).sorted().joined(separator: ",")).inserted, let place = places[owner] {
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

    private func suggestion(for id: String, among candidates: Set<String>?) -> String {
        guard let best = Suggestions.closest(to: id, among: candidates ?? []) else { return "" }
        return " (did you mean '\(best)'?)"
    }
}
