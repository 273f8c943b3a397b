public import Foundation

/// A moment as the core sees it: a monotonic clock for playback, and the wall clock for the time
/// stamps of progress events. The backend reads both clocks; tests make them up.
public struct PlayerTime: Sendable, Hashable {
    /// Seconds on a monotonic clock (any origin): what playback measures elapsed time with.
    public var seconds: Double
    /// The wall-clock time: what progress events are stamped with.
    public var date: Date

    /// Creates a moment.
    public init(seconds: Double, date: Date) {
        self.seconds = seconds
        self.date = date
    }

    /// The moment `interval` seconds later.
    public func adding(_ interval: Double) -> PlayerTime {
        PlayerTime(seconds: seconds + interval, date: date.addingTimeInterval(interval))
    }
}
