public import Foundation

/// Something a learner did, as a client reports it. Every event has a client-made UUID, so sending
/// the same event twice changes nothing, and the time it happened.
///
/// On the wire and in the journal an event is one flat JSON object, for example:
///
/// ```json
/// {"id": "0b7f…", "type": "videoProgress", "at": "2026-11-29T10:00:00Z",
///  "video": "bordsessie-waarom", "segments": [[0, 31.5]], "position": 31.5}
/// ```
public struct ProgressEvent: Sendable, Hashable, Identifiable {
    /// What happened.
    public enum Kind: Sendable, Hashable {
        /// Part of a video was played: the segments `[from, to]` in seconds, and where it stopped.
        case videoProgress(videoID: String, segments: [TimeSegments.Segment], position: Double)
        /// A step was checked off.
        case stepChecked(stepID: String)
        /// A step was unchecked.
        case stepUnchecked(stepID: String)
        /// A note was saved for a step (an empty text removes it).
        case noteSaved(stepID: String, text: String)
        /// A module was opened.
        case moduleStarted
        /// The progress on one module (or, without a module, on everything) was cleared.
        case progressReset
    }

    /// The client-made id.
    public var id: UUID
    /// When it happened, by the client's clock.
    public var at: Date
    /// What happened.
    public var kind: Kind
    /// The module it is about. Clients may leave it out for videos and steps (ids are unique in the
    /// academy); the store fills it in from the content.
    public var moduleID: String?

    /// Creates an event.
    public init(id: UUID = UUID(), at: Date = Date(), kind: Kind, moduleID: String? = nil) {
        self.id = id
        self.at = at
        self.kind = kind
        self.moduleID = moduleID
    }

    /// The wire name of the event's type.
    public var typeName: String {
        switch kind {
        case .videoProgress: "videoProgress"
        case .stepChecked: "stepChecked"
        case .stepUnchecked: "stepUnchecked"
        case .noteSaved: "noteSaved"
        case .moduleStarted: "moduleStarted"
        case .progressReset: "progressReset"
        }
    }

    /// The video or step the event is about, if any.
    public var itemID: String? {
        switch kind {
        case let .videoProgress(videoID, _, _): videoID
        case let .stepChecked(stepID), let .stepUnchecked(stepID), let .noteSaved(stepID, _): stepID
        case .moduleStarted, .progressReset: nil
        }
    }
}

extension ProgressEvent: Codable {
    enum CodingKeys: String, CodingKey {
        case id, type, at, module, video, segments, position, step, text
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(UUID.self, forKey: .id)
        at = try container.decode(Date.self, forKey: .at)
        // "module" may be left out, but not given as null.
        moduleID = container.contains(.module) ? try container.decode(String.self, forKey: .module) : nil
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "videoProgress":
            kind = .videoProgress(
                videoID: try container.decode(String.self, forKey: .video),
                segments: try container.decode([TimeSegments.Segment].self, forKey: .segments),
                position: try container.decode(Double.self, forKey: .position)
            )
        case "stepChecked": kind = .stepChecked(stepID: try container.decode(String.self, forKey: .step))
        case "stepUnchecked": kind = .stepUnchecked(stepID: try container.decode(String.self, forKey: .step))
        case "noteSaved":
            kind = .noteSaved(stepID: try container.decode(String.self, forKey: .step), text: try container.decode(String.self, forKey: .text))
        case "moduleStarted":
            kind = .moduleStarted
            guard moduleID != nil else {
                throw DecodingError.keyNotFound(CodingKeys.module, .init(codingPath: decoder.codingPath, debugDescription: "moduleStarted needs \"module\""))
            }
        case "progressReset": kind = .progressReset
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type,
                in: container,
                debugDescription: "unknown type '\(type)': use videoProgress, stepChecked, stepUnchecked, noteSaved, moduleStarted or progressReset"
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(typeName, forKey: .type)
        try container.encode(at, forKey: .at)
        try container.encodeIfPresent(moduleID, forKey: .module)
        switch kind {
        case let .videoProgress(videoID, segments, position):
            try container.encode(videoID, forKey: .video)
            try container.encode(segments, forKey: .segments)
            try container.encode(position, forKey: .position)
        case let .stepChecked(stepID), let .stepUnchecked(stepID):
            try container.encode(stepID, forKey: .step)
        case let .noteSaved(stepID, text):
            try container.encode(stepID, forKey: .step)
            try container.encode(text, forKey: .text)
        case .moduleStarted, .progressReset:
            break
        }
    }
}

/// An event as a client sends it to the API: read as ``ProgressEvent`` reads it, and a property
/// that its type does not have is an error, as the API's schema says (`additionalProperties:
/// false`). The store reads its own files with ``ProgressEvent`` itself.
public struct SentProgressEvent: Decodable, Sendable {
    /// The event.
    public let event: ProgressEvent

    private struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        event = try ProgressEvent(from: decoder)
        let container = try decoder.container(keyedBy: AnyKey.self)
        let allowed = event.propertyNames
        for key in container.allKeys where !allowed.contains(key.stringValue) {
            throw DecodingError.dataCorruptedError(
                forKey: key,
                in: container,
                debugDescription: "a \(event.typeName) event has no property '\(key.stringValue)': remove it (allowed: "
                    + allowed.sorted().joined(separator: ", ") + ")"
            )
        }
    }
}

extension ProgressEvent {
    /// The JSON properties an event of this type may have.
    var propertyNames: Set<String> {
        let common: Set<String> = ["id", "type", "at", "module"]
        switch kind {
        case .videoProgress: return common.union(["video", "segments", "position"])
        case .stepChecked, .stepUnchecked: return common.union(["step"])
        case .noteSaved: return common.union(["step", "text"])
        case .moduleStarted, .progressReset: return common
        }
    }
}
