/// The JSON documents of the content API (`Schemas/openapi.yaml`): the server encodes them from
/// the content model once per snapshot, the player's remote mode decodes them.
public enum ContentDocuments {
    /// `GET /api/v1/modules`: the academy and its modules in order.
    public struct Catalog: Sendable, Codable {
        public var academy: AcademySummary
        public var modules: [ModuleSummary]
    }

    /// The academy's title, summary, core values and instruments.
    public struct AcademySummary: Sendable, Codable {
        public var id: String
        public var version: Int
        public var title: LocalizedText
        public var summary: LocalizedText
        public var coreValues: [CatalogItem]
        public var instruments: [CatalogItem]
    }

    /// A module as the catalog lists it.
    public struct ModuleSummary: Sendable, Codable {
        public var id: String
        public var number: Int
        public var version: Int
        public var title: LocalizedText
        public var summary: LocalizedText
        public var instruments: [String]
        public var audience: [Role]
        public var estimatedMinutes: Int
        public var requires: [String]
        public var videoCount: Int
        public var duration: MediaDuration
        public var stepPlanCount: Int
        public var href: String
    }

    /// `GET /api/v1/modules/{id}`: a module with its videos and step plans.
    public struct ModuleDetail: Sendable, Codable {
        public var id: String
        public var number: Int
        public var version: Int
        public var language: String
        public var title: LocalizedText
        public var summary: LocalizedText
        public var instruments: [String]
        public var audience: [Role]
        public var estimatedMinutes: Int
        public var requires: [String]
        public var videos: [VideoDetail]
        public var stepPlans: [StepPlan]
        public var completion: Completion
    }

    /// When a module counts as done; `videos` is "all", "none" or a number, `steps` "all" or "none".
    public struct Completion: Sendable, Codable {
        public var videoThreshold: Double
        public var videos: String
        public var steps: String
    }

    /// A video, its media URLs and chapters (also `GET /api/v1/videos/{id}`).
    public struct VideoDetail: Sendable, Codable {
        public var id: String
        public var module: String
        public var title: LocalizedText
        public var summary: LocalizedText
        public var duration: MediaDuration
        public var durationSeconds: Double
        public var sources: [Source]
        public var poster: String?
        public var captions: [Track]
        public var chapters: [Chapter]
        public var href: String
    }

    /// A media file of a video.
    public struct Source: Sendable, Codable {
        public var type: String
        public var url: String
    }

    /// A captions file of a video, in one language.
    public struct Track: Sendable, Codable {
        public var language: String
        public var url: String
    }

    /// A chapters track, with its cues inline.
    public struct Chapter: Sendable, Codable {
        public var language: String
        public var url: String
        public var cues: [ChapterCue]
    }

    /// A chapter: its title and where it starts and ends, in seconds.
    public struct ChapterCue: Sendable, Codable {
        public var title: String
        public var start: Double
        public var end: Double
    }

    /// An item of `GET /api/v1/tracks`: a learning path for a role or school type.
    public struct TrackSummary: Sendable, Codable {
        public var id: String
        public var title: LocalizedText
        public var summary: LocalizedText?
        public var role: Role?
        public var schoolType: SchoolType?
        public var modules: [String]
    }

    public static func catalog(_ library: ContentLibrary) -> Catalog {
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

    public static func module(_ module: Module) -> ModuleDetail {
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

    public static func video(_ video: Video, in module: Module) -> VideoDetail {
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

    public static func tracks(_ library: ContentLibrary) -> [TrackSummary] {
        library.academy.tracks.map {
            TrackSummary(id: $0.id, title: $0.title, summary: $0.summary, role: $0.role, schoolType: $0.schoolType, modules: $0.moduleIDs)
        }
    }

    /// `/media/{module}/{src}`, each path segment percent-encoded.
    public static func mediaURL(module: String, src: String) -> String {
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
