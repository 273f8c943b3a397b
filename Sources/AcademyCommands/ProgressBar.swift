import Foundation
import Synchronization

/// A progress bar on standard error, shown only on a terminal and only once the work has taken
/// more than a second, so quick runs print nothing extra.
public final class ProgressBar: Sendable {
    private struct State {
        var shownPercent = -1
        var isVisible = false
    }

    private let label: String
    private let start = ContinuousClock.now
    private let delay: Duration
    private let isTerminal: Bool
    private let state = Mutex(State())

    /// Creates a bar for `label` ("modules").
    public init(label: String, delay: Duration = .seconds(1), isTerminal: Bool? = nil) {
        self.label = label
        self.delay = delay
        self.isTerminal = isTerminal ?? (isatty(2) == 1)
    }

    /// Reports that `done` of `total` are finished; safe to call from any thread.
    public func update(done: Int, total: Int) {
        guard isTerminal, total > 0, ContinuousClock.now - start >= delay else { return }
        let percent = done * 100 / total
        let line: String? = state.withLock { state in
            guard percent != state.shownPercent else { return nil }
            state.shownPercent = percent
            state.isVisible = true
            let width = 30
            let filled = width * done / total
            return "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] \(done)/\(total) \(label)"
        }
        if let line { Output.error(line) }
    }

    /// Removes the bar, if it was shown.
    public func finish() {
        let wasVisible = state.withLock { $0.isVisible }
        if wasVisible { Output.error("\r\u{1B}[2K") }
    }
}
