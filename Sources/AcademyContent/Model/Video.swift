/// A short instruction video: its files, poster, captions and chapters.
public struct Video: Sendable, Hashable, Codable, Identifiable {
    /// The video's id, unique in the academy, such as `bordsessie-waarom`.
    public var id: String
    /// The id of the module that holds the video.
    public var moduleID: String
    /// The video's length.
    public var duration: MediaDuration
    /// The title.
    public var title: LocalizedText
    /// What the video shows.
    public var summary: LocalizedText
    /// The video files in order of preference.
    public var sources: [MediaSource]
    /// The poster image's path, as written in the manifest.
    public var poster: String?
    /// The captions, one track per language.
    public var captions: [TextTrack]
    /// The chapters, one track per language.
    public var chapters: [TextTrack]

    /// Creates a video.
    public init(
        id: String,
        moduleID: String,
        duration: MediaDuration,
        title: LocalizedText,
        summary: LocalizedText,
        sources: [MediaSource] = [],
        poster: String? = nil,
        captions: [TextTrack] = [],
        chapters: [TextTrack] = []
    ) {
        self.id = id
        self.moduleID = moduleID
        self.duration = duration
        self.title = title
        self.summary = summary
        self.sources = sources
        self.poster = poster
        self.captions = captions
        self.chapters = chapters
    }

    /// The captions in `language`, or else the first captions track.
    public func captions(in language: String) -> TextTrack? {
        captions.first { $0.language == language } ?? captions.first
    }

    /// The chapters in `language`, or else the first chapters track.
    public func chapters(in language: String) -> TextTrack? {
        chapters.first { $0.language == language } ?? chapters.first
    }
}

/// A video file of a ``Video``.
public struct MediaSource: Sendable, Hashable, Codable {
    /// The file's path as written in the manifest, relative to the module's media folder.
    public var src: String
    /// The media type, such as `video/webm`.
    public var type: String

    /// Creates a source.
    public init(src: String, type: String) {
        self.src = src
        self.type = type
    }
}

/// A WebVTT track in one language, with its cues.
public struct TextTrack: Sendable, Hashable, Codable {
    /// The language tag, such as `nl`.
    public var language: String
    /// The file's path as written in the manifest, relative to the module folder.
    public var src: String
    /// The cues in file order.
    public var cues: [Cue]

    /// Creates a track.
    public init(language: String, src: String, cues: [Cue] = []) {
        self.language = language
        self.src = src
        self.cues = cues
    }

    /// The cue showing at `time`, if any.
    public func cue(at time: MediaDuration) -> Cue? {
        cues.last { $0.start <= time && time < $0.end }
    }
}

/// One timed cue of a WebVTT track: a caption, or a chapter title.
public struct Cue: Sendable, Hashable, Codable {
    /// The cue's identifier, if it has one.
    public var identifier: String?
    /// When the cue starts.
    public var start: MediaDuration
    /// When the cue ends.
    public var end: MediaDuration
    /// The cue settings as written, such as `line:0 align:start`.
    public var settings: String
    /// The text as written, lines separated by "\n", markup included.
    public var text: String

    /// Creates a cue.
    public init(identifier: String? = nil, start: MediaDuration, end: MediaDuration, settings: String = "", text: String) {
        self.identifier = identifier
        self.start = start
        self.end = end
        self.settings = settings
        self.text = text
    }

    /// The text without markup (`<v Name>`, `<i>` and the like) and with character references resolved.
    public var plainText: String { WebVTTText.plain(text) }
}
