import AcademyXML
import Synchronization

/// Loads a whole content tree: the catalog, then every module folder in parallel on all cores,
/// then the rules across files.
struct ContentLoader {
    let paths: ContentPaths
    let options: ContentLoadOptions

    struct Outcome: Sendable {
        var catalog: CatalogDraft?
        var modules: [(draft: ModuleDraft, position: Int?)]
        var diagnostics: [Diagnostic]
    }

    func load() async -> Outcome {
        var findings: [Finding] = []
        var catalog: CatalogDraft?
        var jobs: [Job] = []
        let folders = ContentPaths.subdirectories(of: paths.root)

        if ContentPaths.exists(paths.path("academy.xml")) {
            let draft = CatalogReader(paths: paths).read()
            findings += draft.findings
            var listed: [String: Int] = [:]
            var listedIDs: [String: Int] = [:]
            for (index, (entry, line)) in draft.entries.enumerated() {
                if let earlier = listed[entry.folder] ?? listedIDs[entry.id] {
                    let message = "the catalog lists module '\(entry.id)' (folder \(entry.folder)) twice; the first time on line "
                        + "\(draft.entries[earlier].line): remove one entry"
                    findings.append(Finding(.error, "C009", message, file: draft.file, line: line, anchor: .attribute("ref", value: entry.id)))
                    continue
                }
                listed[entry.folder] = index
                listedIDs[entry.id] = index
                jobs.append((entry.folder, index + 1, (draft.file, line, entry.id)))
            }
            for folder in folders where listed[folder] == nil && ContentPaths.exists(paths.path(folder, "module.xml")) {
                jobs.append((folder, nil, nil))
            }
            catalog = draft
        } else {
            let message = "no catalog: \(paths.path("academy.xml")) does not exist; every content tree needs one that lists its modules "
                + "(see Schemas/README.md)"
            findings.append(Finding(.error, "C006", message, file: paths.path("academy.xml"), line: nil))
            for folder in folders where ContentPaths.exists(paths.path(folder, "module.xml")) {
                jobs.append((folder, nil, nil))
            }
        }

        let drafts = await readModules(jobs)
        for (draft, _) in drafts { findings += draft.findings }
        findings += ContentRules(catalog: catalog, modules: drafts).findings()
        let diagnostics = ColumnResolver.resolve(findings)
        return Outcome(catalog: catalog, modules: drafts, diagnostics: diagnostics.sorted(by: Self.fileOrder))
    }

    /// Reads the module folders on `options.concurrency` tasks, each taking the next folder as it
    /// finishes one, and returns the drafts in job order.
    typealias Job = (folder: String, position: Int?, catalogEntry: (file: String, line: Int, id: String)?)

    private func readModules(_ jobs: [Job]) async -> [(draft: ModuleDraft, position: Int?)] {
        let next = JobCounter()
        let total = jobs.count
        let workers = min(options.concurrency, max(1, total))
        let results = await withTaskGroup(of: [(Int, ModuleDraft)].self) { group in
            for _ in 0..<workers {
                group.addTask { [paths, options] in
                    var done: [(Int, ModuleDraft)] = []
                    while true {
                        let index = next.take()
                        guard index < total else { break }
                        let job = jobs[index]
                        let reader = ModuleReader(paths: paths, folder: job.folder, options: options, catalogEntry: job.catalogEntry)
                        done.append((index, reader.read()))
                        if let progress = options.progress { progress(next.finish(), total) }
                    }
                    return done
                }
            }
            var all: [(Int, ModuleDraft)] = []
            all.reserveCapacity(total)
            for await part in group { all += part }
            return all
        }
        // A listed module whose folder is missing has no draft worth keeping, only its finding.
        return results.sorted { $0.0 < $1.0 }.map { ($0.1, $0.1.files.isEmpty ? nil : jobs[$0.0].position) }
    }

    static func fileOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        if lhs.location.file != rhs.location.file { return lhs.location.file < rhs.location.file }
        if lhs.location.line ?? 0 != rhs.location.line ?? 0 { return lhs.location.line ?? 0 < rhs.location.line ?? 0 }
        return lhs.location.column ?? 0 < rhs.location.column ?? 0
    }
}

/// Hands out job numbers to worker tasks and counts finished jobs.
final class JobCounter: Sendable {
    private let taken = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)

    func take() -> Int { taken.wrappingAdd(1, ordering: .relaxed).oldValue }

    func finish() -> Int { finished.wrappingAdd(1, ordering: .relaxed).newValue }
}
