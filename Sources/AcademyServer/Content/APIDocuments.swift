import AcademyContent

/// The JSON documents of the content API, made from the content model once per snapshot.
enum APIDocuments {
    struct Catalog: Encodable {
        var academy: AcademySummary
        var modules: [ModuleSummary]
    }

    struct AcademySummary: Encodable {
        var id: String
        var version: Int
        var title: LocalizedText
        var summary: LocalizedText
        var coreValues: [CatalogItem]
        var instruments: [CatalogItem]
    }

    struct ModuleSummary: Encodable {
        var id: String
        var number: Int
        var version: Int
        var title: LocalizedText
        var summary: LocalizedText
        var instruments: [String]
        var audience: [Role]
        var estimatedMinutes: Int
        var requires: [String]
        var videoCount: Int
        var duration: MediaDuration
        var stepPlanCount: Int
        var href: String
    }

    struct ModuleDetail: Encodable {
        var id: String
        var number: Int
        var version: Int
        var language: String
        var title: LocalizedText
        var summary: LocalizedText
        var instruments: [String]
        var audience: [Role]
        var estimatedMinutes: Int
        var requires: [String]
        var videos: [VideoDetail]
        var stepPlans: [StepPlan]
        var completion: Completion
    }

    struct Completion: Encodable {
        var videoThreshold: Double
        var videos: String
        var steps: String
    }

    struct VideoDetail: Encodable {
        var id: String
        var module: String
        var title: LocalizedText
        var summary: LocalizedText
        var duration: MediaDuration
        var durationSeconds: Double
        var sources: [Source]
        var poster: String?
        var captions: [Track]
        var chapters: [Chapter]
        var href: String
    }

    struct Source: Encodable {
        var type: String
        var url: String
    }

    struct Track: Encodable {
        var language: String
        var url: String
    }

    struct Chapter: Encodable {
        var language: String
        var url: String
        var cues: [ChapterCue]
    }

    struct ChapterCue: Encodable {
        var title: String
        var start: Double
        var end: Double
    }

    struct TrackSummary: Encodable {
        var id: String
        var title: LocalizedText
        var summary: LocalizedText?
        var role: Role?
        var schoolType: SchoolType?
        var modules: [String]
    }

    static func catalog(_ library: ContentLibrary) -> Catalog {
        let academy = library.academy
        return Catalog(
            academy: AcademySummary(
                id: academy.id,
                version: academy.version,
                title: academy.title,
                summary: academy.summary,
                coreValues: academy.coreValues,
                instruments: academy.instruments
            ),
            modules: library.modules.map { module in
                ModuleSummary(
                    id: module.id,
                    number: module.number,
                    version: module.version,
                    title: module.title,
                    summary: module.summary,
                    instruments: module.instrumentIDs,
                    audience: module.audience,
                    estimatedMinutes: module.estimatedMinutes,
                    requires: module.requiredModuleIDs,
                    videoCount: module.videos.count,
                    duration: module.totalDuration,
                    stepPlanCount: module.stepPlans.count,
                    href: "/api/v1/modules/\(module.id)"
                )
            }
        )
    }

    static func module(_ module: Module) -> ModuleDetail {
        let rule = module.completion
        let videos: String
        switch rule.videos {
        case .all: videos = "all"
        case .none: videos = "none"
        case let .atLeast(count): videos = String(count)
        }
        return ModuleDetail(
            id: module.id,
            number: module.number,
            version: module.version,
            language: module.language,
            title: module.title,
            summary: module.summary,
            instruments: module.instrumentIDs,
            audience: module.audience,
            estimatedMinutes: module.estimatedMinutes,
            requires: module.requiredModuleIDs,
            videos: module.videos.map { video(_: $0, in: module) },
            stepPlans: module.stepPlans,
            completion: Completion(videoThreshold: rule.videoThreshold, videos: videos, steps: rule.steps.rawValue)
        )
    }

    static func video(_ video: Video, in module: Module) -> VideoDetail {
        VideoDetail(
            id: video.id,
            module: module.id,
            title: video.title,
            summary: video.summary,
            duration: video.duration,
            durationSeconds: video.duration.seconds,
            sources: video.sources.map { Source(type: $0.type, url: mediaURL(module: module.id, src: $0.src)) },
            poster: video.poster.map { mediaURL(module: module.id, src: $0) },
            captions: video.captions.map { Track(language: $0.language, url: mediaURL(module: module.id, src: $0.src)) },
            chapters: video.chapters.map { track in
                Chapter(
                    language: track.language,
                    url: mediaURL(module: module.id, src: track.src),
                    cues: track.cues.map { ChapterCue(title: $0.plainText, start: $0.start.seconds, end: $0.end.seconds) }
                )
            },
            href: "/api/v1/videos/\(video.id)"
        )
    }

    static func tracks(_ library: ContentLibrary) -> [TrackSummary] {
        library.academy.tracks.map {
            TrackSummary(id: $0.id, title: $0.title, summary: $0.summary, role: $0.role, schoolType: $0.schoolType, modules: $0.moduleIDs)
        }
    }

    /// `/media/{module}/{src}`, each path segment percent-encoded.
    static func mediaURL(module: String, src: String) -> String {
        "/media/" + ([module] + src.split(separator: "/").map(String.init)).map(percentEncoded).joined(separator: "/")
    }

    static func percentEncoded(_ segment: String) -> String {
        var result = ""
        for byte in segment.utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E:
                result.append(Character(Unicode.Scalar(byte)))
            default:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded
            }
        }
        return result
    }
}

extension String {
    fileprivate var leftPadded: String { count == 1 ? "0" + self : self }
}
