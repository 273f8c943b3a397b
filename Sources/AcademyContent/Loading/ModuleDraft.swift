import AcademyXML

#if canImport(Glibc)
import Glibc
#endif

/// What reading one module folder produced: the module (as far as it could be read), the ids it
/// declares and refers to with their places, and the findings of the module's own files.
struct ModuleDraft: Sendable {
    /// The module's folder name.
    var folder: String
    /// The manifest's path as shown to the user.
    var file: String
    /// The module, when its manifest could be parsed and a library is built (with texts kept).
    var module: Module?
    /// What the rules across files and the counts need of the module, whenever its manifest could
    /// be parsed; a validation keeps only this, so each module's model is freed as soon as it is read.
    var outline: ModuleOutline?
    /// The line of the root element.
    var line: Int?
    var declarations: [Declaration] = []
    var references: [Reference] = []
    /// The text of every id in ``declarations`` and ``references``.
    var ids = IDBuffer()
    var findings: [Finding] = []
    /// Whether the folder holds a manifest; the module's files are the manifest and the files under
    /// the folder that it names, so their diagnostics are the ones with paths under the folder.
    var hasManifest = true
}

/// An id that a manifest declares, and where.
struct Declaration: Sendable {
    enum Kind: String, Sendable, CaseIterable {
        case module
        case video
        case stepPlan = "step plan"
        case step
        case track
        case instrument
        case coreValue = "core value"

        /// The kind's place in ``allCases``, without hashing its name.
        var tableIndex: Int {
            switch self {
            case .module: 0
            case .video: 1
            case .stepPlan: 2
            case .step: 3
            case .track: 4
            case .instrument: 5
            case .coreValue: 6
            }
        }
    }

    // Fields in this order pack into 40 bytes: a draft keeps one for every id it declares.
    var kind: Kind
    private var storedLine: Int32
    /// The id in its draft's ``IDBuffer``, with its hash.
    var key: HashedID
    /// A video's duration, when declared validly.
    var duration: MediaDuration?

    /// The line in the manifest that holds the declaration (its file is the draft's).
    var line: Int { Int(storedLine) }

    init(kind: Kind, key: HashedID, line: Int, duration: MediaDuration? = nil) {
        self.kind = kind
        self.storedLine = Int32(clamping: line)
        self.key = key
        self.duration = duration
    }
}

/// An id that a manifest refers to, and where.
struct Reference: Sendable {
    enum Kind: Sendable {
        /// `<requires module="…"/>`.
        case requiredModule
        /// `<see video="…" at="…"/>`.
        case video(at: MediaDuration?)
        /// `<instrument ref="…"/>`.
        case instrument
        /// `<track><module ref="…"/></track>`.
        case trackModule

        /// The kind of id the reference names.
        var targetKind: Declaration.Kind {
            switch self {
            case .requiredModule, .trackModule: .module
            case .video: .video
            case .instrument: .instrument
            }
        }
    }

    // Fields in this order pack into 40 bytes: a draft keeps one for every reference it makes.
    var kind: Kind
    private var storedLine: Int32
    /// For a video reference: the index, in its own module's declarations, of the video it names
    /// when that module declares it; -1 otherwise.
    var localDeclaration: Int32 = -1
    /// The id referred to, in its draft's ``IDBuffer``, with its hash.
    var targetKey: HashedID

    /// The line in the manifest that holds the reference (its file is the draft's).
    var line: Int { Int(storedLine) }

    init(kind: Kind, target: HashedID, line: Int) {
        self.kind = kind
        self.storedLine = Int32(clamping: line)
        self.targetKey = target
    }
}

/// Where an id is in its draft's ``IDBuffer``, and its hash, taken once where the manifest is read
/// (on every core), so that the rules across files, which run when all modules are in, compare
/// hashes and touch an id's bytes only for a true match.
struct HashedID: Sendable {
    let start: Int32
    let count: Int32
    let hash: Int
}

/// The ids that one manifest declares and refers to, as UTF-8 in one buffer. A manifest has a
/// few dozen: one buffer is one allocation where a string for each id would be one each, all kept
/// until the rules across files have run. Strings are made only for messages.
struct IDBuffer: Sendable {
    private(set) var bytes: [UInt8] = []

    /// Adds the id `text`.
    mutating func add(_ text: String) -> HashedID {
        var text = text
        return text.withUTF8 { add(bytes: $0) }
    }

    /// Adds the id whose UTF-8 is `id`.
    mutating func add(bytes id: UnsafeBufferPointer<UInt8>) -> HashedID {
        let start = Int32(bytes.count)
        bytes.append(contentsOf: id)
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(id))
        return HashedID(start: start, count: Int32(id.count), hash: hasher.finalize())
    }

    /// The buffer without the room it grew.
    func trimmed() -> IDBuffer {
        var trimmed = self
        trimmed.bytes = bytes.trimmed()
        return trimmed
    }

    /// The id `key` as a string.
    func string(_ key: HashedID) -> String {
        String(decoding: bytes[Int(key.start)..<Int(key.start + key.count)], as: UTF8.self)
    }

    /// Whether `key` here and `other` in `buffer` are the same id.
    func same(_ key: HashedID, as other: HashedID, in buffer: IDBuffer) -> Bool {
        guard key.hash == other.hash, key.count == other.count else { return false }
        guard key.count > 0 else { return true }
        return bytes.withUnsafeBufferPointer { mine in
            buffer.bytes.withUnsafeBufferPointer { theirs in
                memcmp(mine.baseAddress! + Int(key.start), theirs.baseAddress! + Int(other.start), Int(key.count)) == 0
            }
        }
    }
}

/// The part of a module that the rules across files and the summary line look at.
struct ModuleOutline: Sendable {
    var id: String
    var number: Int
    var requiredModuleIDs: [String]
    var instrumentIDs: [String]
    var videoCount: Int
    var stepPlanCount: Int

    init(_ module: Module) {
        id = module.id
        number = module.number
        requiredModuleIDs = module.requiredModuleIDs
        instrumentIDs = module.instrumentIDs
        videoCount = module.videos.count
        stepPlanCount = module.stepPlans.count
    }
}

extension Array {
    /// The array in storage of its own size: an array that grew by appending has up to twice the
    /// room it needs, which matters for the thousands of small arrays a draft keeps.
    func trimmed() -> [Element] {
        capacity > count ? withUnsafeBufferPointer { Array($0) } : self
    }
}
