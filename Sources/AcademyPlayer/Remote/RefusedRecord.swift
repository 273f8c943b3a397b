public import AcademyProgress
public import Foundation

/// A line of the refused file: the event, and why the server refused it.
public struct RefusedRecord: Sendable, Hashable, Codable {
    /// The event, as it was queued.
    public var event: ProgressEvent
    /// The server's code, such as `E002`.
    public var code: String
    /// The server's message.
    public var message: String
    /// When it was refused.
    public var refusedAt: Date
}
