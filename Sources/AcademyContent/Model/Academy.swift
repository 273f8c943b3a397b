/// The academy as its catalog (`academy.xml`) describes it: title, core values, instruments, the
/// modules in order and the tracks through them.
public struct Academy: Sendable, Hashable, Codable {
    /// The academy's id, such as `leerkracht-academie`.
    public var id: String
    /// The catalog's revision.
    public var version: Int
    /// The catalog's language, such as `nl`.
    public var language: String
    /// The academy's title.
    public var title: LocalizedText
    /// What the academy is.
    public var summary: LocalizedText
    /// The programme's core values.
    public var coreValues: [CatalogItem]
    /// The instruments that modules teach.
    public var instruments: [CatalogItem]
    /// The modules in order, by id and folder.
    public var moduleEntries: [ModuleEntry]
    /// The learning paths.
    public var tracks: [Track]

    /// Creates an academy.
    public init(
        id: String,
        version: Int,
        language: String,
        title: LocalizedText,
        summary: LocalizedText,
        coreValues: [CatalogItem] = [],
        instruments: [CatalogItem] = [],
        moduleEntries: [ModuleEntry] = [],
        tracks: [Track] = []
    ) {
        self.id = id
        self.version = version
        self.language = language
        self.title = title
        self.summary = summary
        self.coreValues = coreValues
        self.instruments = instruments
        self.moduleEntries = moduleEntries
        self.tracks = tracks
    }

    /// The instrument with this id.
    public func instrument(id: String) -> CatalogItem? {
        instruments.first { $0.id == id }
    }

    /// The track with this id.
    public func track(id: String) -> Track? {
        tracks.first { $0.id == id }
    }
}

/// Something the catalog names with an id, a title and a description: a core value or an instrument.
public struct CatalogItem: Sendable, Hashable, Codable, Identifiable {
    /// The id, such as `bordsessie`.
    public var id: String
    /// The title.
    public var title: LocalizedText
    /// The description, when given.
    public var summary: LocalizedText?

    /// Creates an item.
    public init(id: String, title: LocalizedText, summary: LocalizedText? = nil) {
        self.id = id
        self.title = title
        self.summary = summary
    }
}

/// A module in the catalog's list: its id and the folder beside `academy.xml` that holds it.
public struct ModuleEntry: Sendable, Hashable, Codable {
    /// The module's id.
    public var id: String
    /// The folder name, such as `05-bordsessie-opbouw`.
    public var folder: String

    /// Creates an entry.
    public init(id: String, folder: String) {
        self.id = id
        self.folder = folder
    }
}

/// A learning path: the modules that one role or school type works through, in order.
public struct Track: Sendable, Hashable, Codable, Identifiable {
    /// The track's id, such as `schoolcoach`.
    public var id: String
    /// The title.
    public var title: LocalizedText
    /// Who the track is for, when given.
    public var summary: LocalizedText?
    /// The role the track is for, if any.
    public var role: Role?
    /// The school type the track is for, if any.
    public var schoolType: SchoolType?
    /// The module ids in order.
    public var moduleIDs: [String]

    /// Creates a track.
    public init(
        id: String,
        title: LocalizedText,
        summary: LocalizedText? = nil,
        role: Role? = nil,
        schoolType: SchoolType? = nil,
        moduleIDs: [String]
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        self.role = role
        self.schoolType = schoolType
        self.moduleIDs = moduleIDs
    }
}
