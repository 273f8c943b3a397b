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

    /// The first declaration of every id in one half, one table per kind of id.
    struct DeclarationTables {
        var tables: [IDTable]
        /// By kind: whether some id of the kind is declared twice (in this half).
        var hasDuplicates: [Bool]

        init(capacity: Int) {
            tables = Declaration.Kind.allCases.map { kind in
                IDTable(capacity: kind == .step || kind == .video ? capacity : capacity / 4)
            }
            hasDuplicates = Declaration.Kind.allCases.map { _ in false }
        }
    }

    /// Every finding. The ids are split in two halves by their hash: each half's duplicates, and
    /// the references into it, are checked on a core of their own, while this one also checks
    /// the rest.
    func findings() async -> [Finding] {
        async let firstHalf = findings(inHalf: 0)
        let secondHalf = findings(inHalf: 1)
        let others = catalogMatches() + circularRequirements() + coverage()
        // Which half an id falls in changes from run to run (hashes are seeded per process): the
        // findings are put back in the order of what they are about, so the output never changes.
        let placed = (await firstHalf + secondHalf).sorted { $0.place < $1.place }.map(\.finding)
        return placed + others
    }

    /// A finding about a declaration (`list` 0) or a reference (`list` 1), by its place in the
    /// catalog (`module` -1) or a module draft.
    typealias PlacedFinding = (place: (module: Int32, list: Int32, index: Int32), finding: Finding)

    /// Whether `hash` is in `half` (0 or 1). All declarations of one id, and all references to
    /// it, are in the same half.
    private static func isIn(_ half: Int, _ hash: Int) -> Bool { hash & 1 == half }

    /// Duplicate ids in `half`, and references to ids in `half` that do not resolve.
    private func findings(inHalf half: Int) -> [PlacedFinding] {
        var findings: [PlacedFinding] = []
        let declared = declarations(inHalf: half, reporting: &findings)
        findings += unresolvedReferences(inHalf: half, declared)
        return findings
    }

    /// The manifest of the catalog (`module` -1) or of a module draft.
    private func file(ofModule module: Int32) -> String {
        module < 0 ? catalog!.file : modules[Int(module)].draft.file
    }

    /// The id text of the catalog (`module` -1) or of a module draft.
    private func ids(ofModule module: Int32) -> IDBuffer {
        module < 0 ? catalog!.ids : modules[Int(module)].draft.ids
    }

    /// An id of the catalog or of a module draft, as a string (for messages).
    private func string(_ key: HashedID, ofModule module: Int32) -> String {
        ids(ofModule: module).string(key)
    }

    private func declaration(at position: Position) -> Declaration {
        position.module < 0 ? catalog!.declarations[Int(position.index)] : modules[Int(position.module)].draft.declarations[Int(position.index)]
    }

    /// Whether the declaration at `position` declares the id `key` of `module`; compared in place.
    private func declares(_ key: HashedID, of module: Int32, at position: Position) -> Bool {
        let declared = position.module < 0
            ? catalog!.declarations[Int(position.index)].key : modules[Int(position.module)].draft.declarations[Int(position.index)].key
        return ids(ofModule: module).same(key, as: declared, in: ids(ofModule: position.module))
    }

    /// The duration of the video declared at `position`, read in place: `declaration(at:)` would
    /// copy the draft that holds it (20,000 times for 2,000 modules, 2–3% of a validation).
    private func duration(at position: Position) -> MediaDuration? {
        if position.module < 0 { return catalog!.declarations[Int(position.index)].duration }
        return modules[Int(position.module)].draft.declarations[Int(position.index)].duration
    }

    /// Where the first declaration of the id `key` of `module` as a `kind` is, if it is declared.
    private func position(of kind: Declaration.Kind, _ key: HashedID, of module: Int32, in declared: DeclarationTables) -> Position? {
        declared.tables[kind.tableIndex].position(hash: key.hash) { declares(key, of: module, at: $0) }
    }

    /// Every id declared as a `kind`, in both halves (for suggestions, so only for a finding).
    private func ids(of kind: Declaration.Kind) -> [String] {
        var ids: [String] = []
        for declaration in catalog?.declarations ?? [] where declaration.kind == kind { ids.append(string(declaration.key, ofModule: -1)) }
        for index in modules.indices {
            for declaration in modules[index].draft.declarations where declaration.kind == kind {
                ids.append(string(declaration.key, ofModule: Int32(index)))
            }
        }
        return ids
    }

    /// The first declaration of every id in `half`; a later declaration of the same id is a duplicate (`C001`).
    private func declarations(inHalf half: Int, reporting findings: inout [PlacedFinding]) -> DeclarationTables {
        var count = catalog?.declarations.count ?? 0
        for index in modules.indices { count += modules[index].draft.declarations.count }
        var tables = DeclarationTables(capacity: count / 2)
        func add(_ declarations: [Declaration], module: Int32) {
            for index in declarations.indices where Self.isIn(half, declarations[index].key.hash) {
                let kind = declarations[index].kind
                let position = Position(module: module, index: Int32(index))
                let existing = tables.tables[kind.tableIndex].insert(position, hash: declarations[index].key.hash) {
                    declares(declarations[index].key, of: module, at: $0)
                }
                // The first declaration stays the one on record.
                guard let existing else { continue }
                tables.hasDuplicates[kind.tableIndex] = true
                let declaration = declarations[index]
                let earlier = self.declaration(at: existing)
                let id = string(declaration.key, ofModule: module)
                let message = "duplicate \(declaration.kind.rawValue) id '\(id)': it is already used at "
                    + "\(file(ofModule: existing.module)):\(earlier.line); ids must be unique in the academy, so rename one"
                findings.append(
                    ((module, 0, Int32(index)), Finding(.error, "C001", message, file: file(ofModule: module), line: declaration.line, anchor: .attribute("id", value: id)))
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

    /// References to ids in `half` that do not resolve, and moments past the end of the video referred to.
    private func unresolvedReferences(inHalf half: Int, _ declared: DeclarationTables) -> [PlacedFinding] {
        // Modules the catalog lists count as known even when their manifest could not be read, so one
        // broken manifest does not make every reference to it an error too.
        // Made only when a module reference is not declared: nearly every one is.
        var listedIDs: Set<String>?
        func listed() -> Set<String> {
            if listedIDs == nil { listedIDs = Set(catalog?.entries.map(\.entry.id) ?? []) }
            return listedIDs!
        }
        func isKnown(_ kind: Declaration.Kind, _ key: HashedID, of module: Int32) -> Bool {
            position(of: kind, key, of: module, in: declared) != nil || (kind == .module && listed().contains(string(key, ofModule: module)))
        }
        func unknown(_ kind: Declaration.Kind, _ id: String, advice: String) -> String {
            let candidates = ids(of: kind) + (kind == .module ? Array(listed()) : [])
            let suggestion = Suggestions.closest(to: id, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
            return "unknown \(kind.rawValue) '\(id)'\(suggestion): \(advice)"
        }
        var findings: [PlacedFinding] = []
        // A reference is read in place, and copied (which counts references to its strings) only
        // for a finding: tens of thousands resolve.
        // Without a video id declared twice, a video that the referring module declares itself
        // (as the module reader found) is the one declaration of that id: no table to look in.
        let videosAreUnique = !declared.hasDuplicates[Declaration.Kind.video.tableIndex]
        func check(_ references: [Reference], _ index: Int, in module: Int32) {
            switch references[index].kind {
            case .requiredModule, .trackModule:
                guard !isKnown(.module, references[index].targetKey, of: module) else { return }
                let reference = references[index]
                let target = string(reference.targetKey, ofModule: module)
                let attribute = if case .requiredModule = reference.kind { "module" } else { "ref" }
                let message = unknown(.module, target, advice: "use the id of a module in the catalog")
                findings.append(
                    ((module, 1, Int32(index)), Finding(.error, "C002", message, file: file(ofModule: module), line: reference.line, anchor: .attribute(attribute, value: target)))
                )
            case let .video(at):
                let local = references[index].localDeclaration
                let found =
                    videosAreUnique && local >= 0
                    ? Position(module: module, index: local) : position(of: .video, references[index].targetKey, of: module, in: declared)
                guard let position = found else {
                    let reference = references[index]
                    let target = string(reference.targetKey, ofModule: module)
                    let message = unknown(.video, target, advice: "use the id of a video in the academy")
                    findings.append(
                        ((module, 1, Int32(index)), Finding(.error, "C003", message, file: file(ofModule: module), line: reference.line, anchor: .attribute("video", value: target)))
                    )
                    return
                }
                if let at, let duration = duration(at: position), at > duration {
                    let reference = references[index]
                    let target = string(reference.targetKey, ofModule: module)
                    let message = "the moment \(at.iso8601) is past the end of video '\(target)' (\(duration.iso8601)): "
                        + "pick a moment inside the video"
                    findings.append(
                        ((module, 1, Int32(index)), Finding(.error, "C015", message, file: file(ofModule: module), line: reference.line, anchor: .attribute("at", value: nil)))
                    )
                }
            case .instrument:
                guard catalog?.academy != nil, !isKnown(.instrument, references[index].targetKey, of: module) else { return }
                let reference = references[index]
                let target = string(reference.targetKey, ofModule: module)
                let message = unknown(.instrument, target, advice: "use an instrument declared in the catalog")
                findings.append(
                    ((module, 1, Int32(index)), Finding(.error, "C004", message, file: file(ofModule: module), line: reference.line, anchor: .attribute("ref", value: target)))
                )
            }
        }
        func checkAll(_ references: [Reference], in module: Int32) {
            for index in references.indices where Self.isIn(half, references[index].targetKey.hash) {
                check(references, index, in: module)
            }
        }
        if let catalog { checkAll(catalog.references, in: -1) }
        for module in modules.indices { checkAll(modules[module].draft.references, in: Int32(module)) }
        return findings
    }

    /// Cycles of `<requires>`. Modules are numbered by their place in `modules` (catalog order),
    /// so the search follows numbers, not ids; a module id given twice stands for its last module.
    private func circularRequirements() -> [Finding] {
        var numbers: [String: Int] = [:]
        numbers.reserveCapacity(modules.count)
        for index in modules.indices {
            if let id = modules[index].draft.outline?.id { numbers[id] = index }
        }
        // The modules each module requires; an id that names no module read here ends a path.
        var requires: [[Int]] = Array(repeating: [], count: modules.count)
        for index in numbers.values {
            requires[index] = modules[index].draft.outline?.requiredModuleIDs.compactMap { numbers[$0] } ?? []
        }
        // Iterative depth-first search from each module in catalog order; a cycle is reported at
        // the first module found on it, once per module.
        enum State { case unvisited, onPath, done }
        var state = [State](repeating: .unvisited, count: modules.count)
        var findings: [Finding] = []
        var reported = [Bool](repeating: false, count: modules.count)
        for start in modules.indices where state[start] == .unvisited && modules[start].draft.outline.map({ numbers[$0.id] == start }) == true {
            var path: [Int] = [start]
            var nextEdge: [Int] = [0]
            state[start] = .onPath
            while let current = path.last {
                let edge = nextEdge[nextEdge.count - 1]
                guard edge < requires[current].count else {
                    state[current] = .done
                    path.removeLast()
                    nextEdge.removeLast()
                    continue
                }
                nextEdge[nextEdge.count - 1] += 1
                let next = requires[current][edge]
                switch state[next] {
                case .unvisited:
                    state[next] = .onPath
                    path.append(next)
                    nextEdge.append(0)
                case .onPath:
                    let cycle = Array(path[path.lastIndex(of: next)!...]) + [next]
                    let owner = cycle[0]
                    guard !reported[owner] else { continue }
                    reported[owner] = true
                    let ids = cycle.map { modules[$0].draft.outline?.id ?? "" }
                    let message = "circular requirement: " + ids.joined(separator: " → ")
                        + ": a module cannot (indirectly) require itself; remove one of these <requires>"
                    findings.append(
                        Finding(.error, "C005", message, file: modules[owner].draft.file, line: modules[owner].draft.line, anchor: .element("module"))
                    )
                case .done:
                    break
                }
            }
        }
        return findings
    }

    private func coverage() -> [Finding] {
        guard let catalog, let academy = catalog.academy else { return [] }
        var findings: [Finding] = []
        // The catalog's few instruments, crossed off as modules are found that teach them.
        let instruments = catalog.declarations.filter { $0.kind == .instrument }.map { (id: catalog.ids.string($0.key), line: $0.line) }
        var untaught = Set(instruments.map(\.id))
        for index in modules.indices where !untaught.isEmpty {
            for id in modules[index].draft.outline?.instrumentIDs ?? [] { untaught.remove(id) }
        }
        for (id, line) in instruments where untaught.contains(id) {
            findings.append(
                Finding(
                    .warning,
                    "C020",
                    "no module teaches instrument '\(id)': add <instrument ref=\"\(id)\"/> to the modules that teach it",
                    file: catalog.file,
                    line: line,
                    anchor: .attribute("id", value: id)
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
