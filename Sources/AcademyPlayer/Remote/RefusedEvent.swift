public import AcademyProgress

/// An event the server refused, with its reason.
public struct RefusedEvent: Sendable, Hashable, Codable {
    /// The event.
    public var event: ProgressEvent
    /// Why: the code (`E002`…) and message as the server gave them.
    public var error: EventError

    /// Creates a refusal.
    public init(event: ProgressEvent, error: EventError) {
        self.event = event
        self.error = error
    }
}
