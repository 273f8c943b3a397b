import AcademyContent
import Foundation

/// Builds the player's ``ContentLibrary`` from the server's documents: the catalog, the tracks,
/// each module's detail, and the captions files. Media paths become the server's media URLs
/// (`/media/<module>/<file>`), which the video launcher opens over HTTP.
enum RemoteLibrary {
    /// The library; `captions` holds each captions URL's WebVTT bytes. Throws ``RemoteError``
    /// (`not-academy`) when a document does not fit the rest (a module the catalog does not list).
    static func make(
        server: ServerAddress,
        catalog: ContentDocuments.Catalog,
        tracks: [ContentDocuments.TrackSummary],
        modules: [ContentDocuments.ModuleDetail],
        captions: [String: [UInt8]]
    ) throws(RemoteError) -> ContentLibrary {
        let details = Dictionary(modules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var built: [Module] = []
        for summary in catalog.modules.sorted(by: { $0.number < $1.number }) {
            guard let detail = details[summary.id] else {
                throw RemoteError(
                    code: "not-academy",
                    message: "\(server) lists module '\(summary.id)' but does not serve it: try again, or tell the school's admin"
                )
            }
            built.append(module(detail, captions: captions))
        }
        let academy = Academy(
            id: catalog.academy.id,
            version: catalog.academy.version,
            language: built.first?.language ?? "nl",
            title: catalog.academy.title,
            summary: catalog.academy.summary,
            coreValues: catalog.academy.coreValues,
            instruments: catalog.academy.instruments,
            moduleEntries: built.map { ModuleEntry(id: $0.id, folder: $0.folder) },
            tracks: tracks.map {
                Track(id: $0.id, title: $0.title, summary: $0.summary, role: $0.role, schoolType: $0.schoolType, moduleIDs: $0.modules)
            }
        )
        return ContentLibrary(root: server.normalized, academy: academy, modules: built)
    }

    private static func module(_ detail: ContentDocuments.ModuleDetail, captions: [String: [UInt8]]) -> Module {
        let videos: CompletionRule.VideoRequirement =
            switch detail.completion.videos {
            case "none": .none
            case let text: Int(text).map { .atLeast($0) } ?? .all
            }
        return Module(
            id: detail.id,
            number: detail.number,
            version: detail.version,
            language: detail.language,
            folder: detail.id,
            title: detail.title,
            summary: detail.summary,
            instrumentIDs: detail.instruments,
            audience: detail.audience,
            estimatedMinutes: detail.estimatedMinutes,
            requiredModuleIDs: detail.requires,
            videos: detail.videos.map { video($0, captions: captions) },
            stepPlans: detail.stepPlans,
            completion: CompletionRule(
                videoThreshold: detail.completion.videoThreshold,
                videos: videos,
                steps: detail.completion.steps == "none" ? .none : .all
            )
        )
    }

    private static func video(_ video: ContentDocuments.VideoDetail, captions: [String: [UInt8]]) -> Video {
        Video(
            id: video.id,
            moduleID: video.module,
            duration: MediaDuration(seconds: video.durationSeconds),
            title: video.title,
            summary: video.summary,
            sources: video.sources.map { MediaSource(src: $0.url, type: $0.type) },
            poster: video.poster,
            captions: video.captions.map { track in
                let cues = captions[track.url].flatMap { WebVTTParser.parse(bytes: $0, path: track.url).file?.cues } ?? []
                return TextTrack(language: track.language, src: track.url, cues: cues)
            },
            chapters: video.chapters.map { track in
                TextTrack(
                    language: track.language,
                    src: track.url,
                    cues: track.cues.map {
                        Cue(start: MediaDuration(seconds: $0.start), end: MediaDuration(seconds: $0.end), text: escaped($0.title))
                    }
                )
            }
        )
    }

    /// Plain text as cue text: a title with "<" or "&" must not read as markup.
    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
