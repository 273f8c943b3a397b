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
        let entries = ContentPaths.subdirectoryEntries(of: paths.root)
        let folders = entries.map(\.name)
        let hasCatalog = ContentPaths.exists(paths.path("academy.xml"))
        // The catalog is read at the same time as the module folders, as one more job.
        let (catalogDraft, folderDrafts) = await readAll(folders: entries, catalog: hasCatalog)
        var modules: [(draft: ModuleDraft, position: Int?)] = []
        modules.reserveCapacity(folderDrafts.count)

        if let draft = catalogDraft {
            findings += draft.findings
            // The catalog's entry for each folder read, and for each folder named that is not there.
            var entryOfFolder = [Int](repeating: -1, count: folders.count)
            var entryOfAbsentFolder: [String: Int] = [:]
            var listedIDs: [String: Int] = [:]
            listedIDs.reserveCapacity(draft.entries.count)
            var missing: [(slot: Int, job: Job)] = []
            var nextFolder = 0
            for (index, (entry, line)) in draft.entries.enumerated() {
                let folder = Self.index(of: entry.folder, in: folders, tryingFirst: nextFolder)
                let earlierForFolder = if let folder { entryOfFolder[folder] < 0 ? nil : entryOfFolder[folder] } else { entryOfAbsentFolder[entry.folder] }
                if let earlier = earlierForFolder ?? listedIDs[entry.id] {
                    let message = "the catalog lists module '\(entry.id)' (folder \(entry.folder)) twice; the first time on line "
                        + "\(draft.entries[earlier].line): remove one entry"
                    findings.append(Finding(.error, "C009", message, file: draft.file, line: line, anchor: .attribute("ref", value: entry.id)))
                    continue
                }
                if let folder {
                    entryOfFolder[folder] = index
                    nextFolder = folder + 1
                } else {
                    entryOfAbsentFolder[entry.folder] = index
                }
                listedIDs[entry.id] = index
                if let folder, let read = folderDrafts[folder] {
                    modules.append((read, index + 1))
                } else {
                    // Not a folder with a manifest: read it as the catalog names it, to say what is wrong.
                    missing.append((modules.count, (entry.folder, index + 1, (draft.file, line, entry.id))))
                    modules.append((ModuleDraft(folder: entry.folder, file: ""), nil))
                }
            }
            for (slot, job) in missing {
                let read = ModuleReader(paths: paths, folder: job.folder, options: options, catalogEntry: job.catalogEntry).read()
                // A listed module whose folder is missing has no draft worth keeping, only its finding.
                modules[slot] = (read, read.hasManifest ? job.position : nil)
            }
            // Every folder the catalog lists is placed above; the rest are not in the catalog.
            for index in folders.indices where entryOfFolder[index] < 0 {
                if let read = folderDrafts[index] { modules.append((read, nil)) }
            }
        } else {
            let message = "no catalog: \(paths.path("academy.xml")) does not exist; every content tree needs one that lists its modules "
                + "(see Schemas/README.md)"
            findings.append(Finding(.error, "C006", message, file: paths.path("academy.xml"), line: nil))
            for read in folderDrafts {
                if let read { modules.append((read, nil)) }
            }
        }

        for index in modules.indices { findings += modules[index].draft.findings }
        findings += await ContentRules(catalog: catalogDraft, modules: modules).findings()
        let diagnostics = ColumnResolver.resolve(findings)
        return Outcome(catalog: catalogDraft, modules: modules, diagnostics: diagnostics.sorted(by: Self.fileOrder))
    }

    typealias Job = (folder: String, position: Int?, catalogEntry: (file: String, line: Int, id: String)?)

    /// Reads the catalog (when `catalog`) and every folder that holds a `module.xml`, on
    /// `options.concurrency` tasks that each take the next job as they finish one. Returns the
    /// catalog's draft and a draft per folder, `nil` for a folder without a manifest.
    private func readAll(folders: [(name: String, isPlain: Bool)], catalog: Bool) async -> (CatalogDraft?, [ModuleDraft?]) {
        let next = JobCounter()
        let first = catalog ? 0 : 1
        let total = folders.count + 1
        let workers = min(options.concurrency, max(1, total - first))
        let parts = await withTaskGroup(of: (CatalogDraft?, [(Int, ModuleDraft)]).self) { group in
            for _ in 0..<workers {
                group.addTask { [paths, options] in
                    var catalogDraft: CatalogDraft?
                    var done: [(Int, ModuleDraft)] = []
                    while true {
                        let job = next.take() + first
                        guard job < total else { break }
                        if job == 0 {
                            catalogDraft = CatalogReader(paths: paths).read()
                            continue
                        }
                        let folder = folders[job - 1]
                        var reader = ModuleReader(paths: paths, folder: folder.name, options: options)
                        reader.folderIsPlainDirectory = folder.isPlain
                        if let draft = reader.readIfModule() { done.append((job - 1, draft)) }
                        if let progress = options.progress { progress(next.finish(), folders.count) }
                    }
                    return (catalogDraft, done)
                }
            }
            var catalogDraft: CatalogDraft?
            var drafts = [ModuleDraft?](repeating: nil, count: folders.count)
            for await (catalogPart, done) in group {
                if let catalogPart { catalogDraft = catalogPart }
                for (index, draft) in done { drafts[index] = draft }
            }
            return (catalogDraft, drafts)
        }
        return parts
    }

    /// The index of `name` in `folders` (sorted), looked for first at `hint`: a catalog usually
    /// lists its modules in the order of their folders' names.
    static func index(of name: String, in folders: [String], tryingFirst hint: Int) -> Int? {
        if hint < folders.count, folders[hint] == name { return hint }
        var low = 0
        var high = folders.count
        while low < high {
            let middle = (low + high) / 2
            if folders[middle] < name { low = middle + 1 } else { high = middle }
        }
        return low < folders.count && folders[low] == name ? low : nil
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
