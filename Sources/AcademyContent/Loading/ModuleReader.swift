import AcademyXML

#if canImport(Glibc)
import Glibc
#endif

/// Reads one module folder: its manifest (parsed, schema-checked, turned into a ``Module``) and its
/// captions and chapters, and applies the rules that need nothing outside the module.
struct ModuleReader {
    /// The longest video that still counts as a short instruction video.
    static let shortVideoLimit = MediaDuration(milliseconds: 4 * 60_000)
    /// Videos longer than this need a chapters track.
    static let chaptersThreshold = MediaDuration(milliseconds: 2 * 60_000)

    let paths: ContentPaths
    let folder: String
    let options: ContentLoadOptions
    /// Where the catalog lists this module, if it does.
    var catalogEntry: (file: String, line: Int, id: String)?
    /// Whether the folder is known to be a directory and not a symbolic link (as `readdir` tells),
    /// so that it needs no check for a link out of the content root.
    var folderIsPlainDirectory = false

    func read() -> ModuleDraft {
        // Only a draft with a catalog entry or a missing module.xml is ever nil.
        read(orNilWithoutManifest: false)!
    }

    /// The draft, or `nil` when the folder holds no `module.xml` (a folder that is not a module).
    func readIfModule() -> ModuleDraft? {
        read(orNilWithoutManifest: true)
    }

    private func read(orNilWithoutManifest: Bool) -> ModuleDraft? {
        let file = paths.path(folder, "module.xml")
        var draft = ModuleDraft(folder: folder, file: file)
        // A link that is not a module is no concern of the validator's, wherever it leads.
        if orNilWithoutManifest, !folderIsPlainDirectory, !ContentPaths.exists(file) { return nil }
        if !folderIsPlainDirectory, let escape = paths.escapeFinding(for: [folder], shownAs: paths.path(folder)) {
            draft.findings.append(escape)
            return draft
        }
        // The folder's files are opened relative to it, so each open walks only the rest of its path.
        let directory = DirectoryHandle(path: paths.path(folder))
        // Without texts kept, the builder reads only these elements' text.
        let texts = options.keepsCaptionText ? nil : ModuleBuilder.textsReadWithoutKeepingTexts
        let schema = try? AcademySchemas.module.get()
        let parsed = directory.map { XMLParser.parse(fileAt: "module.xml", in: $0, displayPath: file, validatingAgainst: schema, textOf: texts) }
            ?? XMLParser.parse(fileAt: file, validatingAgainst: schema, textOf: texts)
        if orNilWithoutManifest, catalogEntry == nil, parsed.diagnostics.first?.code == "F001" {
            return nil
        }
        if let catalogEntry, parsed.diagnostics.first?.code == "F001" {
            let missing = ContentPaths.isDirectory(paths.path(folder)) ? file : paths.path(folder)
            let message = "the catalog lists module '\(catalogEntry.id)' in folder '\(folder)', but \(missing) does not exist: "
                + "create the module there, correct the folder name, or remove the entry"
            draft.findings.append(
                Finding(.error, "C008", message, file: catalogEntry.file, line: catalogEntry.line, anchor: .attribute("folder", value: folder))
            )
            draft.hasManifest = false
            return draft
        }
        draft.findings += parsed.diagnostics.map { Finding($0) }
        guard let root = parsed.document?.root else { return draft }
        draft.line = root.line
        if let wrongRoot = ManifestContext.checkRoot(root, expected: "module", namespace: AcademySchemas.moduleNamespace, file: file) {
            draft.findings.append(wrongRoot)
            return draft
        }
        switch AcademySchemas.module {
        case .success:
            draft.findings += parsed.schemaDiagnostics.map(SchemaHints.finding)
        case let .failure(error):
            draft.findings.append(Finding(.error, "S000", error.description, file: file, line: nil))
        }
        var checkedDirectories: Set<String> = []
        var builder = ModuleBuilder(
            context: ManifestContext(file: file, language: root.ownLanguage ?? "nl", keepsText: options.keepsCaptionText),
            folder: folder,
            keepsMedia: options.keepsCaptionText || options.mediaDirectory != nil
        )
        var module = builder.build(root)
        // Drafts are kept until the rules across files have run: without the room their arrays grew.
        draft.declarations = builder.declarations.trimmed()
        draft.references = builder.references.trimmed()
        draft.ids = builder.ids.trimmed()
        draft.findings += builder.context.findings

        for videoIndex in module.videos.indices {
            let lines = builder.videoLines[videoIndex]
            let duration = builder.knownDurations[videoIndex]
            let video = module.videos[videoIndex]
            for (trackIndex, track) in video.captions.enumerated() {
                module.videos[videoIndex].captions[trackIndex].cues = readTrack(
                    track, in: directory, kind: .captions, duration: duration, line: lines.captions[trackIndex], checked: &checkedDirectories, draft: &draft)
            }
            for (trackIndex, track) in video.chapters.enumerated() {
                module.videos[videoIndex].chapters[trackIndex].cues = readTrack(
                    track, in: directory, kind: .chapters, duration: duration, line: lines.chapters[trackIndex], checked: &checkedDirectories, draft: &draft)
            }
            if let mediaDirectory = options.mediaDirectory {
                draft.findings += MediaChecker(paths: paths, mediaDirectory: mediaDirectory, options: options)
                    .check(video, moduleID: module.id, folder: folder, lines: lines, file: file, declaredDuration: duration)
            }
        }
        draft.outline = ModuleOutline(module)
        // Without a library to build, the model has served its purpose: freeing it now lets the
        // next module reuse its memory.
        if options.keepsCaptionText { draft.module = module }
        return draft
    }

    private func readTrack(
        _ track: TextTrack,
        in folderHandle: DirectoryHandle?,
        kind: TextTrackRules.Kind,
        duration: MediaDuration?,
        line: Int,
        checked directories: inout Set<String>,
        draft: inout ModuleDraft
    ) -> [Cue] {
        let shown = paths.path(folder, track.src)
        // An absolute src (which the schema refuses) must still be read under the folder, as the
        // joined path reads it, never from the root of the file system.
        let relativeTo = track.src.hasPrefix("/") ? nil : folderHandle
        // Nearly every file has no link anywhere under the module folder: one open that refuses
        // any link shows that, and then nothing along the path needs a check of its own.
        var contents: Result<[UInt8], FileError>
        if let relativeTo, case let .success(bytes) = FileContents.read(track.src, in: relativeTo, displayPath: shown, links: .refusedAnywhere) {
            contents = .success(bytes)
        } else {
            // Folders between the module folder and the file are checked for links once per module;
            // the file itself is opened without following links, and only a link is resolved and checked.
            let directory = ContentPaths.directoryPart(of: track.src)
            if !directory.isEmpty, directories.insert(directory).inserted,
                // A folder readdir showed as plain, and plain folders under it, cannot lead out.
                !folderIsPlainDirectory || folderHandle?.mayHaveLink(along: directory) ?? true,
                let escape = paths.escapeFinding(for: [folder, directory], shownAs: paths.path(folder, directory), line: line, manifest: draft.file)
            {
                draft.findings.append(escape)
                return []
            }
            contents = relativeTo.map { FileContents.read(track.src, in: $0, displayPath: shown, links: .refusedAtEnd) }
                ?? FileContents.read(shown, links: .refusedAtEnd)
            if case let .failure(error) = contents, error.reason == .symbolicLink {
                if let escape = paths.escapeFinding(for: [folder, track.src], shownAs: shown, line: line, manifest: draft.file) {
                    draft.findings.append(escape)
                    return []
                }
                contents = FileContents.read(shown)
            }
        }
        switch contents {
        case let .failure(error):
            let message: String
            if case .missing = error.reason {
                message = "\(kind.rawValue) file '\(track.src)' not found (looked for \(shown)): create it, or correct src"
            } else {
                message = "\(kind.rawValue) file '\(track.src)': \(error.message)"
            }
            draft.findings.append(Finding(.error, error.code, message, file: draft.file, line: line, anchor: .attribute("src", value: track.src)))
            return []
        case let .success(bytes):
            let parsed = WebVTTParser.parse(bytes: bytes, path: shown, keepsText: options.keepsCaptionText)
            draft.findings += parsed.diagnostics.map { Finding($0) }
            guard let file = parsed.file else { return [] }
            draft.findings += TextTrackRules.check(file, kind: kind, duration: duration, path: shown).map { Finding($0) }
            // Without text no library is built (a validation): the cues were checked, none is kept.
            return options.keepsCaptionText ? file.cues : []
        }
    }
}

/// The lines of a video's elements, for diagnostics about the files they name.
struct VideoLines: Sendable {
    var video: Int
    var sources: [Int] = []
    var poster: Int?
    var captions: [Int] = []
    var chapters: [Int] = []
}

/// Turns a module's root element into a ``Module`` leniently: what the schema already reported is
/// skipped, not reported again, so one mistake gives one diagnostic.
struct ModuleBuilder {
    var context: ManifestContext
    let folder: String
    /// Whether videos keep their sources and posters: a library serves them, and a media check
    /// looks for their files; a plain validation has no use for them.
    let keepsMedia: Bool
    var declarations: [Declaration] = []
    var references: [Reference] = []
    /// The text of the ids in ``declarations`` and ``references``.
    var ids = IDBuffer()
    /// The lines of each video's elements, parallel to the module's videos.
    var videoLines: [VideoLines] = []
    /// Each video's duration when its `duration` attribute is valid.
    var knownDurations: [MediaDuration?] = []

    /// The elements whose text the builder reads when the context keeps no texts.
    static let textsReadWithoutKeepingTexts: [StaticString] = ["audience", "estimatedMinutes"]

    init(context: ManifestContext, folder: String, keepsMedia: Bool) {
        self.context = context
        self.folder = folder
        self.keepsMedia = keepsMedia
    }

    mutating func build(_ root: XMLNode) -> Module {
        let id = root["id"] ?? ""
        declare(.module, id, root)
        var titles = TranslatedElements()
        var summaries = TranslatedElements()
        var module = Module(
            id: id,
            number: root["number"].flatMap { Int($0) } ?? 0,
            version: root["version"].flatMap { Int($0) } ?? 1,
            language: context.language,
            folder: folder,
            title: LocalizedText.empty,
            summary: LocalizedText.empty
        )
        for child in root.children {
            if child.hasName("title") {
                titles.append(child)
            } else if child.hasName("summary") {
                summaries.append(child)
            } else if child.hasName("instrument") {
                if let ref = child["ref"] {
                    module.instrumentIDs.append(ref)
                    refer(.instrument, ref, child)
                }
            } else if child.hasName("audience") {
                module.audience = child.text.utf8.split(whereSeparator: Self.isXMLSpace).compactMap { Role(rawValue: String(Substring($0))) }
            } else if child.hasName("estimatedMinutes") {
                let words = child.text.utf8.split(whereSeparator: Self.isXMLSpace)
                module.estimatedMinutes = words.count == 1 ? Int(Substring(words[0])) ?? 0 : 0
            } else if child.hasName("requires") {
                if let required = child["module"] {
                    module.requiredModuleIDs.append(required)
                    refer(.requiredModule, required, child)
                }
            } else if child.hasName("video") {
                module.videos.append(video(child, moduleID: id))
            } else if child.hasName("stepPlan") {
                module.stepPlans.append(stepPlan(child, moduleID: id))
            } else if child.hasName("completion") {
                module.completion = completion(child, videoCount: module.videos.count)
            }
        }
        module.title = context.localizedText(titles, of: root, what: "the module's title") ?? module.title
        module.summary = context.localizedText(summaries, of: root, what: "the module's summary") ?? module.summary
        resolveOwnVideos()
        return module
    }

    /// Finds, for each video reference, the video this module declares under that id, if any: done
    /// here, on every core, so that the rules across files look up only the rest.
    private mutating func resolveOwnVideos() {
        for index in references.indices {
            guard case .video = references[index].kind else { continue }
            let key = references[index].targetKey
            let local = declarations.firstIndex { $0.kind == .video && ids.same($0.key, as: key, in: ids) }
            if let local { references[index].localDeclaration = Int32(local) }
        }
    }

    private mutating func video(_ element: XMLNode, moduleID: String) -> Video {
        let id = element["id"] ?? ""
        let durationText = element["duration"]
        let duration = durationText.flatMap(MediaDuration.init(iso8601:))
        declare(.video, id, element, duration: duration)
        var video = Video(
            id: id,
            moduleID: moduleID,
            duration: duration ?? MediaDuration(milliseconds: 0),
            title: LocalizedText.empty,
            summary: LocalizedText.empty
        )
        var lines = VideoLines(video: element.line)
        var titles = TranslatedElements()
        var summaries = TranslatedElements()
        for child in element.children {
            if child.hasName("title") {
                titles.append(child)
            } else if child.hasName("summary") {
                summaries.append(child)
            } else if child.hasName("source") {
                if keepsMedia, let src = child["src"], let type = child["type"] {
                    video.sources.append(MediaSource(src: src, type: type))
                    lines.sources.append(child.line)
                }
            } else if child.hasName("poster") {
                if keepsMedia {
                    video.poster = child["src"]
                    lines.poster = child.line
                }
            } else if child.hasName("captions") || child.hasName("chapters") {
                guard let src = child["src"] else { continue }
                let isCaptions = child.hasName("captions")
                let language = child.ownLanguage ?? context.language
                if (isCaptions ? video.captions : video.chapters).contains(where: { $0.language == language }) {
                    context.report(
                        .error,
                        "C019",
                        "video '\(id)' has two \(isCaptions ? "captions" : "chapters") tracks in language '\(language)': keep one",
                        line: child.line,
                        anchor: .element(isCaptions ? "captions" : "chapters")
                    )
                }
                let track = TextTrack(language: language, src: src)
                if isCaptions {
                    video.captions.append(track)
                    lines.captions.append(child.line)
                } else {
                    video.chapters.append(track)
                    lines.chapters.append(child.line)
                }
            }
        }
        video.title = context.localizedText(titles, of: element, what: "the title of video '\(id)'") ?? video.title
        video.summary = context.localizedText(summaries, of: element, what: "the summary of video '\(id)'") ?? video.summary
        if let duration {
            if duration > ModuleReader.shortVideoLimit {
                context.report(
                    .warning,
                    "C012",
                    "video '\(id)' lasts \(duration.clock), over the \(ModuleReader.shortVideoLimit.clock) of a short instruction video: split it in two",
                    line: element.line,
                    anchor: .attribute("duration", value: durationText)
                )
            }
            if duration > ModuleReader.chaptersThreshold, video.chapters.isEmpty {
                context.report(
                    .warning,
                    "C018",
                    "video '\(id)' lasts \(duration.clock) but has no chapters: add <chapters xml:lang=\"\(context.language)\" src=\"chapters/\(id).\(context.language).vtt\"/> "
                        + "for videos over \(ModuleReader.chaptersThreshold.clock)",
                    line: element.line,
                    anchor: .element("video")
                )
            }
        }
        if !video.captions.isEmpty, !video.captions.contains(where: { $0.language == context.language }) {
            context.report(
                .error,
                "C017",
                "video '\(id)' has no captions in the module's language '\(context.language)': add <captions xml:lang=\"\(context.language)\" src=\"…\"/>",
                line: element.line,
                anchor: .element("video")
            )
        }
        videoLines.append(lines)
        knownDurations.append(duration)
        return video
    }

    private mutating func stepPlan(_ element: XMLNode, moduleID: String) -> StepPlan {
        let id = element["id"] ?? ""
        declare(.stepPlan, id, element)
        var titles = TranslatedElements()
        var summaries = TranslatedElements()
        var steps: [Step] = []
        var stepCount = 0
        for child in element.children {
            if child.hasName("title") {
                titles.append(child)
            } else if child.hasName("summary") {
                summaries.append(child)
            } else if child.hasName("step") {
                stepCount += 1
                if let step = step(child, moduleID: moduleID) { steps.append(step) }
            }
        }
        if stepCount == 0 {
            context.report(
                .error,
                "C011",
                "step plan '\(id)' has no steps: add at least one <step>, or remove the step plan",
                line: element.line,
                anchor: .element("stepPlan")
            )
        }
        return StepPlan(
            id: id,
            title: context.localizedText(titles, of: element, what: "the title of step plan '\(id)'") ?? LocalizedText.empty,
            summary: context.localizedText(summaries, of: element, what: "the summary of step plan '\(id)'"),
            steps: steps
        )
    }

    /// The step, or `nil` in a validation (no texts kept), which checks the step but keeps no model of it.
    private mutating func step(_ element: XMLNode, moduleID: String) -> Step? {
        declare(.step, idOf: element)
        // The id as a string only where one is needed: for the model, or in a finding's message.
        func id() -> String { element["id"] ?? "" }
        let keepsModel = context.keepsText
        var titles = TranslatedElements()
        var bodies = TranslatedElements()
        var needs: [LocalizedText] = []
        var moments: [VideoMoment] = []
        for child in element.children {
            if child.hasName("title") {
                titles.append(child)
            } else if child.hasName("body") {
                bodies.append(child)
            } else if child.hasName("need") {
                if keepsModel { needs.append(LocalizedText(ManifestContext.normalized(child.text), language: child.ownLanguage ?? context.language)) }
            } else if child.hasName("see") {
                let at = child["at"].flatMap(MediaDuration.init(iso8601:))
                guard refer(.video(at: at), attribute: "video", of: child) else { continue }
                if keepsModel, let video = child["video"] { moments.append(VideoMoment(videoID: video, at: at ?? MediaDuration(milliseconds: 0))) }
            }
        }
        let title = context.localizedText(titles, of: element, what: "the title of step '\(id())'", requireTranslation: false)
        let body = context.localizedText(bodies, of: element, what: "the body of step '\(id())'", requireTranslation: false)
        guard keepsModel else { return nil }
        let optional = element["optional"]
        return Step(
            id: id(),
            title: title ?? LocalizedText.empty,
            body: body ?? LocalizedText.empty,
            role: element["role"].flatMap(Role.init(rawValue:)) ?? .leraar,
            minutes: element["minutes"].flatMap { Int($0) } ?? 0,
            isOptional: optional == "true" || optional == "1",
            needs: needs,
            videoMoments: moments
        )
    }

    private mutating func completion(_ element: XMLNode, videoCount: Int) -> CompletionRule {
        var rule = CompletionRule()
        if let threshold = element["videoThreshold"].flatMap(Double.init), threshold > 0, threshold <= 1 {
            rule.videoThreshold = threshold
        }
        switch element["videos"] {
        case "none": rule.videos = .none
        case let value?:
            if let count = Int(value), count > 0 {
                rule.videos = .atLeast(count)
                if count > videoCount {
                    context.report(
                        .error,
                        "C022",
                        "the completion rule asks for \(count) videos, but the module has \(videoCount): lower the number or write videos=\"all\"",
                        line: element.line,
                        anchor: .attribute("videos", value: value)
                    )
                }
            }
        default: break
        }
        if element["steps"] == "none" { rule.steps = .none }
        return rule
    }

    /// XML's white space: space, tab, line feed, carriage return.
    private static func isXMLSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private mutating func declare(_ kind: Declaration.Kind, _ id: String, _ element: XMLNode, duration: MediaDuration? = nil) {
        guard !id.isEmpty else { return }
        declarations.append(Declaration(kind: kind, key: ids.add(id), line: element.line, duration: duration))
    }

    /// Declares the `id` attribute of `element`, read without making a string.
    private mutating func declare(_ kind: Declaration.Kind, idOf element: XMLNode) {
        element.withAttribute("id") { id in
            guard !id.isEmpty else { return }
            declarations.append(Declaration(kind: kind, key: ids.add(bytes: id), line: element.line))
        }
    }

    private mutating func refer(_ kind: Reference.Kind, _ target: String, _ element: XMLNode) {
        references.append(Reference(kind: kind, target: ids.add(target), line: element.line))
    }

    /// Records a reference to the id in `attribute` of `element`, read without making a string;
    /// false when the element has no such attribute.
    private mutating func refer(_ kind: Reference.Kind, attribute: StaticString, of element: XMLNode) -> Bool {
        element.withAttribute(attribute) { target in
            references.append(Reference(kind: kind, target: ids.add(bytes: target), line: element.line))
        } != nil
    }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return String(self[start..<Swift.max(start, end)])
    }
}
