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

    func read() -> ModuleDraft {
        let file = paths.path(folder, "module.xml")
        var draft = ModuleDraft(folder: folder, file: file, files: [file])
        if let escape = paths.escapeFinding(for: [folder], shownAs: paths.path(folder)) {
            draft.findings.append(escape)
            return draft
        }
        let parsed = XMLParser.parse(fileAt: paths.path(folder, "module.xml"), displayPath: file)
        draft.findings += parsed.diagnostics.map { Finding($0) }
        guard let document = parsed.document, let root = document.root else { return draft }
        draft.line = root.line
        if let wrongRoot = ManifestContext.checkRoot(root, expected: "module", namespace: AcademySchemas.moduleNamespace, file: file) {
            draft.findings.append(wrongRoot)
            return draft
        }
        switch AcademySchemas.module {
        case let .success(schema):
            draft.findings += document.validate(against: schema).map(SchemaHints.finding)
        case let .failure(error):
            draft.findings.append(Finding(.error, "S000", error.description, file: file, line: nil))
        }
        var builder = ModuleBuilder(context: ManifestContext(file: file, language: root.ownLanguage ?? "nl"), folder: folder)
        var module = builder.build(root)
        draft.declarations = builder.declarations
        draft.references = builder.references
        draft.findings += builder.context.findings

        for videoIndex in module.videos.indices {
            let element = builder.videoElements[videoIndex]
            let duration = builder.knownDurations[videoIndex]
            let video = module.videos[videoIndex]
            for (trackIndex, track) in video.captions.enumerated() {
                module.videos[videoIndex].captions[trackIndex].cues = readTrack(
                    track, kind: .captions, duration: duration, element: element.children(named: "captions")[trackIndex], draft: &draft)
            }
            for (trackIndex, track) in video.chapters.enumerated() {
                module.videos[videoIndex].chapters[trackIndex].cues = readTrack(
                    track, kind: .chapters, duration: duration, element: element.children(named: "chapters")[trackIndex], draft: &draft)
            }
            if let mediaDirectory = options.mediaDirectory {
                draft.findings += MediaChecker(paths: paths, mediaDirectory: mediaDirectory, options: options)
                    .check(video, moduleID: module.id, folder: folder, element: element, file: file, declaredDuration: duration)
            }
        }
        draft.module = module
        return draft
    }

    private func readTrack(
        _ track: TextTrack,
        kind: TextTrackRules.Kind,
        duration: MediaDuration?,
        element: XMLElement,
        draft: inout ModuleDraft
    ) -> [Cue] {
        let shown = paths.path(folder, track.src)
        if let escape = paths.escapeFinding(for: [folder, track.src], shownAs: shown, line: element.line, manifest: draft.file) {
            draft.findings.append(escape)
            return []
        }
        switch FileContents.read(paths.path(folder, track.src), displayPath: shown) {
        case let .failure(error):
            let message: String
            if case .missing = error.reason {
                message = "\(kind.rawValue) file '\(track.src)' not found (looked for \(shown)): create it, or correct src"
            } else {
                message = "\(kind.rawValue) file '\(track.src)': \(error.message)"
            }
            draft.findings.append(Finding(.error, error.code, message, file: draft.file, line: element.line, anchor: .attribute("src", value: track.src)))
            return []
        case let .success(bytes):
            draft.files.append(shown)
            let parsed = WebVTTParser.parse(bytes: bytes, path: shown)
            draft.findings += parsed.diagnostics.map { Finding($0) }
            guard let file = parsed.file else { return [] }
            draft.findings += TextTrackRules.check(file, kind: kind, duration: duration, path: shown).map { Finding($0) }
            return file.cues
        }
    }
}

/// Turns a module's root element into a ``Module`` leniently: what the schema already reported is
/// skipped, not reported again, so one mistake gives one diagnostic.
struct ModuleBuilder {
    var context: ManifestContext
    let folder: String
    var declarations: [Declaration] = []
    var references: [Reference] = []
    /// The `<video>` elements, parallel to the module's videos.
    var videoElements: [XMLElement] = []
    /// Each video's duration when its `duration` attribute is valid.
    var knownDurations: [MediaDuration?] = []

    init(context: ManifestContext, folder: String) {
        self.context = context
        self.folder = folder
    }

    mutating func build(_ root: XMLElement) -> Module {
        let id = root[attribute: "id"] ?? ""
        declare(.module, id, root)
        var titles: [XMLElement] = []
        var summaries: [XMLElement] = []
        var module = Module(
            id: id,
            number: root[attribute: "number"].flatMap { Int($0) } ?? 0,
            version: root[attribute: "version"].flatMap { Int($0) } ?? 1,
            language: context.language,
            folder: folder,
            title: LocalizedText(""),
            summary: LocalizedText("")
        )
        for child in root.children {
            switch child.name {
            case "title": titles.append(child)
            case "summary": summaries.append(child)
            case "instrument":
                if let ref = child[attribute: "ref"] {
                    module.instrumentIDs.append(ref)
                    refer(.instrument, ref, owner: id, child)
                }
            case "audience":
                module.audience = child.text.split(whereSeparator: \.isWhitespace).compactMap { Role(rawValue: String($0)) }
            case "estimatedMinutes":
                module.estimatedMinutes = Int(child.text.trimmingWhitespace) ?? 0
            case "requires":
                if let required = child[attribute: "module"] {
                    module.requiredModuleIDs.append(required)
                    refer(.requiredModule, required, owner: id, child)
                }
            case "video":
                module.videos.append(video(child, moduleID: id))
            case "stepPlan":
                module.stepPlans.append(stepPlan(child, moduleID: id))
            case "completion":
                module.completion = completion(child, videoCount: module.videos.count)
            default:
                break
            }
        }
        module.title = context.localizedText(titles, of: root, what: "the module's title") ?? module.title
        module.summary = context.localizedText(summaries, of: root, what: "the module's summary") ?? module.summary
        return module
    }

    private mutating func video(_ element: XMLElement, moduleID: String) -> Video {
        let id = element[attribute: "id"] ?? ""
        declare(.video, id, element)
        let duration = element[attribute: "duration"].flatMap(MediaDuration.init(iso8601:))
        var video = Video(
            id: id,
            moduleID: moduleID,
            duration: duration ?? MediaDuration(milliseconds: 0),
            title: LocalizedText(""),
            summary: LocalizedText("")
        )
        var titles: [XMLElement] = []
        var summaries: [XMLElement] = []
        for child in element.children {
            switch child.name {
            case "title": titles.append(child)
            case "summary": summaries.append(child)
            case "source":
                if let src = child[attribute: "src"], let type = child[attribute: "type"] {
                    video.sources.append(MediaSource(src: src, type: type))
                }
            case "poster": video.poster = child[attribute: "src"]
            case "captions", "chapters":
                guard let src = child[attribute: "src"] else { continue }
                let language = child.ownLanguage ?? context.language
                let existing = child.name == "captions" ? video.captions : video.chapters
                if existing.contains(where: { $0.language == language }) {
                    context.report(
                        .error,
                        "C019",
                        "video '\(id)' has two \(child.name) tracks in language '\(language)': keep one",
                        line: child.line,
                        anchor: .element(child.name)
                    )
                }
                let track = TextTrack(language: language, src: src)
                if child.name == "captions" { video.captions.append(track) } else { video.chapters.append(track) }
            default:
                break
            }
        }
        // Keep the tracks parallel to the elements, so each track's file is reported at its element.
        video.title = context.localizedText(titles, of: element, what: "the title of video '\(id)'") ?? video.title
        video.summary = context.localizedText(summaries, of: element, what: "the summary of video '\(id)'") ?? video.summary
        if let duration {
            if duration > ModuleReader.shortVideoLimit {
                context.report(
                    .warning,
                    "C012",
                    "video '\(id)' lasts \(duration.clock), over the \(ModuleReader.shortVideoLimit.clock) of a short instruction video: split it in two",
                    line: element.line,
                    anchor: .attribute("duration", value: element[attribute: "duration"])
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
        videoElements.append(element)
        knownDurations.append(duration)
        return video
    }

    private mutating func stepPlan(_ element: XMLElement, moduleID: String) -> StepPlan {
        let id = element[attribute: "id"] ?? ""
        declare(.stepPlan, id, element)
        var titles: [XMLElement] = []
        var summaries: [XMLElement] = []
        var steps: [Step] = []
        for child in element.children {
            switch child.name {
            case "title": titles.append(child)
            case "summary": summaries.append(child)
            case "step": steps.append(step(child, moduleID: moduleID))
            default: break
            }
        }
        if steps.isEmpty {
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
            title: context.localizedText(titles, of: element, what: "the title of step plan '\(id)'") ?? LocalizedText(""),
            summary: context.localizedText(summaries, of: element, what: "the summary of step plan '\(id)'"),
            steps: steps
        )
    }

    private mutating func step(_ element: XMLElement, moduleID: String) -> Step {
        let id = element[attribute: "id"] ?? ""
        declare(.step, id, element)
        var titles: [XMLElement] = []
        var bodies: [XMLElement] = []
        var needs: [LocalizedText] = []
        var moments: [VideoMoment] = []
        for child in element.children {
            switch child.name {
            case "title": titles.append(child)
            case "body": bodies.append(child)
            case "need":
                needs.append(LocalizedText(ManifestContext.normalized(child.text), language: child.language ?? context.language))
            case "see":
                guard let video = child[attribute: "video"] else { continue }
                let at = child[attribute: "at"].flatMap(MediaDuration.init(iso8601:))
                moments.append(VideoMoment(videoID: video, at: at ?? MediaDuration(milliseconds: 0)))
                refer(.video(at: at), video, owner: moduleID, child)
            default: break
            }
        }
        return Step(
            id: id,
            title: context.localizedText(titles, of: element, what: "the title of step '\(id)'", requireTranslation: false) ?? LocalizedText(""),
            body: context.localizedText(bodies, of: element, what: "the body of step '\(id)'", requireTranslation: false) ?? LocalizedText(""),
            role: element[attribute: "role"].flatMap(Role.init(rawValue:)) ?? .leraar,
            minutes: element[attribute: "minutes"].flatMap { Int($0) } ?? 0,
            isOptional: element[attribute: "optional"] == "true" || element[attribute: "optional"] == "1",
            needs: needs,
            videoMoments: moments
        )
    }

    private mutating func completion(_ element: XMLElement, videoCount: Int) -> CompletionRule {
        var rule = CompletionRule()
        if let threshold = element[attribute: "videoThreshold"].flatMap(Double.init), threshold > 0, threshold <= 1 {
            rule.videoThreshold = threshold
        }
        switch element[attribute: "videos"] {
        case "none": rule.videos = .none
        case let value?:
            if let count = Int(value), count > 0 {
                rule.videos = .atLeast(count)
                if count > videoCount {
                    context.report(
                        .error,
                        "C024",
                        "the completion rule asks for \(count) videos, but the module has \(videoCount): lower the number or write videos=\"all\"",
                        line: element.line,
                        anchor: .attribute("videos", value: value)
                    )
                }
            }
        default: break
        }
        if element[attribute: "steps"] == "none" { rule.steps = .none }
        return rule
    }

    private mutating func declare(_ kind: Declaration.Kind, _ id: String, _ element: XMLElement) {
        guard !id.isEmpty else { return }
        declarations.append(Declaration(kind: kind, id: id, file: context.file, line: element.line, element: element.name))
    }

    private mutating func refer(_ kind: Reference.Kind, _ target: String, owner: String, _ element: XMLElement) {
        references.append(Reference(kind: kind, target: target, owner: owner, file: context.file, line: element.line))
    }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return String(self[start..<Swift.max(start, end)])
    }
}
