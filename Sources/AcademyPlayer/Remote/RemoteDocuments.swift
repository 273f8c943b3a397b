import AcademyContent

/// The JSON documents of the server's content API, as the player reads them
/// (`Schemas/openapi.yaml` describes them).
enum RemoteDocuments {
    /// `GET /api/v1/modules`.
    struct Catalog: Decodable {
        var academy: Academy
        var modules: [ModuleSummary]
    }

    struct Academy: Decodable {
        var id: String
        var version: Int
        var title: LocalizedText
        var summary: LocalizedText
        var coreValues: [CatalogItem]
        var instruments: [CatalogItem]
    }

    struct ModuleSummary: Decodable {
        var id: String
        var number: Int
        var href: String?
    }

    /// An item of `GET /api/v1/tracks`.
    struct Track: Decodable {
        var id: String
        var title: LocalizedText
        var summary: LocalizedText?
        var role: Role?
        var schoolType: SchoolType?
        var modules: [String]
    }

    /// `GET /api/v1/modules/{id}`.
    struct Module: Decodable {
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
        var videos: [Video]
        var stepPlans: [StepPlan]
        var completion: Completion
    }

    struct Completion: Decodable {
        var videoThreshold: Double
        /// "all", "none" or a number.
        var videos: String
        /// "all" or "none".
        var steps: String
    }

    struct Video: Decodable {
        var id: String
        var module: String
        var title: LocalizedText
        var summary: LocalizedText
        var durationSeconds: Double
        var sources: [Source]
        var poster: String?
        var captions: [Track]
        var chapters: [Chapters]

        struct Source: Decodable {
            var type: String
            var url: String
        }

        struct Track: Decodable {
            var language: String
            var url: String
        }

        struct Chapters: Decodable {
            var language: String
            var url: String
            var cues: [ChapterCue]
        }

        struct ChapterCue: Decodable {
            var title: String
            var start: Double
            var end: Double
        }
    }
}
