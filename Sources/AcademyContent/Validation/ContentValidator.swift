import AcademyXML

/// Validates content for authors: a whole tree, or the one manifest being edited.
public enum ContentValidator {
    /// Validates `path`: a content tree (a folder with `academy.xml`), a module folder, a
    /// `module.xml`, or an `academy.xml`.
    ///
    /// A single manifest inside a tree is checked in the context of its tree (so references to other
    /// modules resolve), and only the diagnostics about that manifest and its files are reported.
    public static func validate(path: String, options: ContentLoadOptions = ContentLoadOptions()) async -> ValidationReport {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        if ContentPaths.isDirectory(trimmed) {
            if ContentPaths.exists(ContentPaths.join([trimmed, "module.xml"])), !ContentPaths.exists(ContentPaths.join([trimmed, "academy.xml"])) {
                return await validate(file: ContentPaths.join([trimmed, "module.xml"]), options: options)
            }
            return await validate(tree: trimmed, options: options)
        }
        return await validate(file: trimmed, options: options)
    }

    /// Validates the content tree at `root` with every rule.
    public static func validate(tree root: String, options: ContentLoadOptions = ContentLoadOptions()) async -> ValidationReport {
        let paths = ContentPaths(root: root)
        let outcome = await ContentLoader(paths: paths, options: options).load()
        let modules = outcome.modules.compactMap(\.draft.outline)
        var library: ContentLibrary?
        if let academy = outcome.catalog?.academy, options.keepsCaptionText {
            let listed = outcome.modules.filter { $0.position != nil }.compactMap(\.draft.module)
            library = ContentLibrary(
                root: root,
                academy: academy,
                modules: listed,
                warnings: outcome.diagnostics.filter { $0.severity != .error }
            )
        }
        var report = ValidationReport(
            diagnostics: outcome.diagnostics,
            moduleCount: modules.count,
            videoCount: modules.reduce(0) { $0 + $1.videoCount },
            stepPlanCount: modules.reduce(0) { $0 + $1.stepPlanCount },
            library: library
        )
        report.readContent = [outcome]
        return report
    }

    /// Validates one manifest file (`module.xml` or `academy.xml`, or any XML file by its root).
    public static func validate(file: String, options: ContentLoadOptions = ContentLoadOptions()) async -> ValidationReport {
        let components = file.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let name = components.last ?? file
        let folder = components.dropLast().joined(separator: "/")
        let parent = components.dropLast(2).joined(separator: "/")

        if name == "academy.xml" {
            // The catalog's own findings, with the tree's modules read to check references to them.
            let report = await validate(tree: folder.isEmpty ? "." : folder, options: options)
            let own = report.diagnostics.filter { $0.location.file == ContentPaths.join([folder.isEmpty ? "." : folder, name]) }
            return ValidationReport(diagnostics: own, moduleCount: 0, videoCount: 0, stepPlanCount: 0, library: report.library)
        }
        let treeRoot = parent.isEmpty ? "." : parent
        let moduleFolder = components.dropLast().last ?? "."
        if name == "module.xml", !folder.isEmpty, ContentPaths.exists(ContentPaths.join([treeRoot, "academy.xml"])) {
            // Read from the tree's own drafts, not its library: a validation builds none.
            let paths = ContentPaths(root: treeRoot)
            let outcome = await ContentLoader(paths: paths, options: options).load()
            guard let match = outcome.modules.first(where: { $0.draft.folder == moduleFolder && $0.draft.hasManifest }) else {
                // Not a folder of this tree (for example a file beside it): check it on its own.
                return await validateAlone(file: file, options: options)
            }
            // The module's own files: its manifest and the captions and chapters under its folder.
            let folderPath = paths.path(moduleFolder) + "/"
            let own = outcome.diagnostics.filter { $0.location.file.hasPrefix(folderPath) }
            let module = match.draft.outline
            var report = ValidationReport(
                diagnostics: own,
                moduleCount: module == nil ? 0 : 1,
                videoCount: module?.videoCount ?? 0,
                stepPlanCount: module?.stepPlanCount ?? 0
            )
            report.readContent = [outcome]
            return report
        }
        return await validateAlone(file: file, options: options)
    }

    /// Checks a module manifest without its tree: syntax, schema, its own rules and its files.
    private static func validateAlone(file: String, options: ContentLoadOptions) async -> ValidationReport {
        let components = file.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let root = components.count > 2 ? components.dropLast(2).joined(separator: "/") : "."
        let folder = components.count > 1 ? components[components.count - 2] : ""
        let paths = ContentPaths(root: components.count > 2 ? root : (components.count == 2 ? "." : ""))
        if components.last != "module.xml" || folder.isEmpty {
            // Any other file: parse and check it against the schema its root element names.
            return validateStandalone(file: file)
        }
        var draft = ModuleReader(paths: paths, folder: folder, options: options).read()
        draft.findings += await ContentRules(catalog: nil, modules: [(draft, nil)]).findings().filter {
            // Without the tree, references to other modules cannot be resolved.
            !["C002", "C003", "C004"].contains($0.diagnostic.code)
        }
        let diagnostics = ColumnResolver.resolve(draft.findings).sorted(by: ContentLoader.fileOrder)
        return ValidationReport(
            diagnostics: diagnostics,
            moduleCount: draft.outline == nil ? 0 : 1,
            videoCount: draft.outline?.videoCount ?? 0,
            stepPlanCount: draft.outline?.stepPlanCount ?? 0
        )
    }

    /// Parses a lone XML file and validates it against the schema its root element's namespace names.
    static func validateStandalone(file: String) -> ValidationReport {
        let parsed = XMLParser.parse(fileAt: file)
        var diagnostics = parsed.diagnostics
        if let document = parsed.document, let root = document.root {
            switch root.namespace {
            case AcademySchemas.moduleNamespace?:
                if case let .success(schema) = AcademySchemas.module { diagnostics += ColumnResolver.resolve(document.validate(against: schema).map(SchemaHints.finding)) }
            case AcademySchemas.catalogNamespace?:
                if case let .success(schema) = AcademySchemas.catalog { diagnostics += ColumnResolver.resolve(document.validate(against: schema).map(SchemaHints.finding)) }
            default:
                let expected = root.hasName("academy") ? ("academy", AcademySchemas.catalogNamespace) : ("module", AcademySchemas.moduleNamespace)
                if let finding = ManifestContext.checkRoot(root, expected: expected.0, namespace: expected.1, file: file) {
                    diagnostics += ColumnResolver.resolve([finding])
                }
            }
        }
        return ValidationReport(diagnostics: diagnostics, moduleCount: 0, videoCount: 0, stepPlanCount: 0)
    }
}
