public import AcademyContent
public import Foundation

/// Checks events against the content before anything is stored, and fills in each event's module.
///
/// Events about unknown modules, videos or steps, negative or reversed segments, segments past a
/// video's end (beyond 1 second of slack), and notes over 10,000 characters are refused.
public struct EventValidator: Sendable {
    /// The longest note, in characters.
    public static let maximumNoteLength = 10_000
    /// How far past a video's end a segment may reach (clients round).
    public static let durationSlack = 1.0

    let library: ContentLibrary

    /// Creates a validator for `library`.
    public init(library: ContentLibrary) {
        self.library = library
    }

    /// The event with its module filled in, or the reason it is refused.
    public func validate(_ event: ProgressEvent) -> Result<ProgressEvent, EventError> {
        var event = event
        func refuse(_ code: String, _ message: String) -> Result<ProgressEvent, EventError> {
            .failure(EventError(code: code, message: message, eventID: event.id))
        }
        let ownerModule: String?
        switch event.kind {
        case let .videoProgress(videoID, segments, position):
            guard let video = library.video(id: videoID) else {
                return refuse("E001", "unknown video '\(videoID)'\(suggestion(videoID)): use the id of a video in the academy")
            }
            ownerModule = video.moduleID
            let limit = video.duration.seconds + Self.durationSlack
            for segment in segments {
                guard segment.from.isFinite, segment.to.isFinite, segment.from >= 0, segment.to >= segment.from else {
                    return refuse(
                        "E004",
                        "segment [\(segment.from), \(segment.to)] is negative or reversed: write [from, to] in seconds with 0 ≤ from ≤ to"
                    )
                }
                guard segment.to <= limit else {
                    return refuse(
                        "E005",
                        "segment [\(segment.from), \(segment.to)] goes past the end of '\(videoID)' (\(video.duration.seconds) s): "
                            + "clip it to the video's duration"
                    )
                }
            }
            guard position.isFinite, position >= 0, position <= limit else {
                return refuse("E005", "position \(position) is outside '\(videoID)' (0 to \(video.duration.seconds) s)")
            }
        case let .stepChecked(stepID), let .stepUnchecked(stepID), let .noteSaved(stepID, _):
            guard library.step(id: stepID) != nil, let module = library.module(containing: stepID) else {
                return refuse("E002", "unknown step '\(stepID)'\(suggestion(stepID)): use the id of a step in the academy")
            }
            ownerModule = module.id
            if case let .noteSaved(_, text) = event.kind, text.count > Self.maximumNoteLength {
                return refuse("E006", "the note has \(text.count) characters, over the limit of \(Self.maximumNoteLength): shorten it")
            }
        case .moduleStarted, .progressReset:
            ownerModule = nil
        }
        if let moduleID = event.moduleID {
            guard library.module(id: moduleID) != nil else {
                return refuse("E003", "unknown module '\(moduleID)'\(suggestion(moduleID)): use the id of a module in the catalog")
            }
            if let ownerModule, ownerModule != moduleID {
                return refuse("E007", "'\(event.itemID ?? "")' belongs to module '\(ownerModule)', not '\(moduleID)': correct or leave out \"module\"")
            }
        } else if case .moduleStarted = event.kind {
            return refuse("E003", "a moduleStarted event needs \"module\"")
        }
        event.moduleID = event.moduleID ?? ownerModule
        return .success(event)
    }

    private func suggestion(_ id: String) -> String {
        Suggestions.closest(to: id, among: library.allIDs).map { " (did you mean '\($0)'?)" } ?? ""
    }
}

/// Why an event was refused: a stable code, a message that says how to fix it, and the event.
public struct EventError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// `E001` unknown video, `E002` unknown step, `E003` unknown module, `E004` negative or reversed
    /// segment, `E005` past the video's end, `E006` note too long, `E007` wrong module, `E008`
    /// malformed event, `E009` unknown learner.
    public var code: String
    /// What is wrong and how to fix it.
    public var message: String
    /// The event, when its id could be read.
    public var eventID: UUID?

    /// Creates an error.
    public init(code: String, message: String, eventID: UUID? = nil) {
        self.code = code
        self.message = message
        self.eventID = eventID
    }

    public var description: String { "\(code): \(message)" }
}
