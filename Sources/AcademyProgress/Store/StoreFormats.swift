import Foundation

/// The JSON shapes of the store's files, each with a format name and version (see
/// `Schemas/progress-1.schema.json` and `Schemas/learners-1.schema.json`), and the coders for them.
enum StoreFormats {
    static let version = 1

    /// `learners.json`.
    struct LearnersFile: Codable {
        var format = "academy-learners"
        var version = StoreFormats.version
        var learners: [Learner]
    }

    /// `progress/<learner>.json`: a learner's progress through the journal generations before
    /// `journalGeneration` (events of that generation and later are not in it yet).
    struct Snapshot: Codable {
        var format = "academy-progress"
        var version = StoreFormats.version
        var learner: String
        var journalGeneration: Int
        var progress: LearnerProgress
    }

    /// The first line of `journal.jsonl`.
    struct JournalHeader: Codable {
        var format = "academy-journal"
        var version = StoreFormats.version
        var generation: Int
    }

    /// Every other line of `journal.jsonl`: one event of one learner.
    struct JournalEntry: Codable {
        var learner: String
        var event: ProgressEvent
    }

    /// The first line of `history/<learner>.jsonl`; every other line is one event.
    struct HistoryHeader: Codable {
        var format = "academy-history"
        var version = StoreFormats.version
        var learner: String
    }

    /// What every file's first object says about itself.
    struct Probe: Decodable {
        var format: String?
        var version: Int?
    }

    /// Why a file cannot be used as it is.
    enum Problem: Error {
        /// Not JSON, or not the expected shape, or another program's file: set it aside.
        case corrupt(String)
        /// Written by a newer academy: leave it alone and stop.
        case future(Int)
    }

    /// Decodes a file's object of type `T` after checking its format name and version.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: some Collection<UInt8>, format: String) throws(Problem) -> T {
        let data = Data(bytes)
        let probe: Probe
        do {
            probe = try decoder.decode(Probe.self, from: data)
        } catch {
            throw .corrupt("not valid JSON (\(describe(error)))")
        }
        guard probe.format == format else {
            throw .corrupt(probe.format.map { "a '\($0)' file, not '\(format)'" } ?? "no \"format\": not a file academy wrote")
        }
        guard let version = probe.version else { throw .corrupt("no \"version\"") }
        guard version <= StoreFormats.version else { throw .future(version) }
        do {
            // Version 1 is the first format; older versions would be migrated here, step by step.
            return try decoder.decode(T.self, from: data)
        } catch {
            throw .corrupt("valid JSON of the wrong shape (\(describe(error)))")
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let DecodingError.keyNotFound(key, context):
            "\"\(key.stringValue)\" is missing" + path(context.codingPath)
        case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context):
            "wrong type\(path(context.codingPath)): \(context.debugDescription)"
        case let DecodingError.dataCorrupted(context):
            context.debugDescription + path(context.codingPath)
        default:
            "\(error)"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "" : " at " + keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        return encoder
    }()

    static let prettyEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        encoder.dateEncodingStrategy = StoreFormats.encoder.dateEncodingStrategy
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            if let date = Timestamp.parse(text) { return date }
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a time such as 2026-11-29T10:00:00Z")
        }
        return decoder
    }()

    static func line<T: Encodable>(_ value: T) throws -> [UInt8] {
        Array(try encoder.encode(value)) + [0x0A]
    }
}
