import Synchronization

/// Runs the backend's ``ProgressBackend/synchronize()`` off the player's loop, one at a time, so
/// a slow or absent server never holds up keys or captions. The result waits here, and the
/// terminal's wake-up pipe tells the loop to take it.
final class BackgroundSync: Sendable {
    private struct State {
        var isRunning = false
        var isWanted = false
        var result: SyncStatus?
    }

    private let backend: any ProgressBackend
    private let waker: TerminalDevice.Waker
    private let state = Mutex(State())

    init(backend: any ProgressBackend, waker: TerminalDevice.Waker) {
        self.backend = backend
        self.waker = waker
    }

    /// Starts sending; when sending is under way, it goes once more after (events kept since
    /// may not be in what it sends).
    func start() {
        let starts = state.withLock { state in
            if state.isRunning {
                state.isWanted = true
                return false
            }
            state.isRunning = true
            return true
        }
        if starts { run() }
    }

    /// The latest result, if a new one is there.
    func take() -> SyncStatus? {
        state.withLock { state in
            defer { state.result = nil }
            return state.result
        }
    }

    private func run() {
        Task { [backend, waker] in
            let status = await backend.synchronize()
            let again = self.state.withLock { state in
                state.result = status
                state.isRunning = state.isWanted
                state.isWanted = false
                return state.isRunning
            }
            waker.wake()
            if again { self.run() }
        }
    }
}
