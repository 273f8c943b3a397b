public import AcademyContent
public import AcademyProgress

/// Everything the player shows and remembers, as one value. ``Player/update(_:_:)`` makes the next
/// state from it and an event; ``Player/render(_:size:)`` draws it.
public struct PlayerState: Sendable {
    /// The content.
    public let library: ContentLibrary
    /// Who is learning.
    public let learner: Learner
    /// The language of titles and texts (`nl`).
    public let language: String
    /// The learner's progress, including what this session recorded.
    public internal(set) var progress: LearnerProgress
    /// Every module's completion by ``Completion`` (AcademyProgress), in catalog order; kept up to
    /// date as progress changes, so the catalog never computes it for all modules at a key press.
    public internal(set) var completions: [ModuleCompletion]
    /// The catalog's "continue" row, if there is anything to continue with: where the learner was,
    /// else the next thing in their track. Kept up to date as progress changes.
    public internal(set) var continueTarget: ContinueTarget?
    /// The catalog screen's state; the catalog is always at the bottom of ``stack``.
    public internal(set) var catalog: CatalogScreen
    /// The screens opened on top of the catalog, the last one showing.
    public internal(set) var stack: [Route]
    /// The latest time from a ``PlayerEvent/tick(_:)``.
    public internal(set) var now: PlayerTime
    /// The terminal's size.
    public internal(set) var size: TerminalSize
    /// Whether the help overlay is shown.
    public internal(set) var isHelpShown = false
    /// A line for the learner at the bottom (saved, an error, where a file is), if any.
    public internal(set) var message: StatusMessage?
    /// Events that could not be stored yet; they go along with the next record, so nothing is lost.
    public internal(set) var unsent: [ProgressEvent] = []
    /// Whether the player has asked to quit.
    public internal(set) var isFinished = false
    /// How sending to the server stands (remote mode): what the footer shows.
    public internal(set) var sync = SyncStatus()
    /// When the last ``Effect/synchronize`` was asked for (monotonic seconds).
    var lastSyncRequest = -Double.infinity
    /// Lowercased titles without accents, for `/` search, in catalog order.
    let searchKeys: [String]

    /// Creates the state on the catalog. (To start on a module, send ``PlayerEvent/open(moduleID:)``.)
    public init(
        library: ContentLibrary,
        learner: Learner,
        progress: LearnerProgress,
        size: TerminalSize,
        now: PlayerTime,
        language: String = "nl"
    ) {
        self.library = library
        self.learner = learner
        self.language = language
        self.progress = progress
        self.completions = library.modules.map { Completion.module($0, progress: progress) }
        self.catalog = CatalogScreen()
        self.stack = []
        self.now = now
        self.size = size
        self.searchKeys = library.modules.map { module in
            SearchText.fold("\(module.number) \(module.id) \(module.title.text(preferring: [language]))")
        }
        self.continueTarget = findContinueTarget()
    }

    /// The screen showing.
    public var route: Route { stack.last ?? .catalog }

    /// The completion of the module with this id.
    public func completion(ofModule id: String) -> ModuleCompletion? {
        library.modules.firstIndex { $0.id == id }.map { completions[$0] }
    }
}

/// A line at the bottom of the screen.
public struct StatusMessage: Sendable, Hashable {
    /// Information, or an error.
    public enum Kind: Sendable, Hashable {
        case info
        case error
    }

    /// The text.
    public var text: String
    /// Information or error.
    public var kind: Kind
    /// When (monotonic seconds) it goes away; errors stay until the next key.
    public var expires: Double?
}
