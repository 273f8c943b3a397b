import AcademyProgress

extension PlayerState {
    /// How often sending is tried again while events wait, in seconds.
    static let syncInterval = 5.0

    /// Asks the backend to send what waits (remote mode only).
    mutating func requestSync(effects: inout [Effect]) {
        guard sync.isRemote else { return }
        lastSyncRequest = now.seconds
        effects.append(.synchronize)
    }

    /// Tries again every ``syncInterval`` while events wait.
    mutating func tickSync(effects: inout [Effect]) {
        guard sync.isRemote, sync.waiting > 0, now.seconds - lastSyncRequest >= Self.syncInterval else { return }
        requestSync(effects: &effects)
    }

    /// Takes in how sending went: the count for the footer, and refusals said out loud (their
    /// events were shown as done, so progress is read again without them).
    mutating func synchronized(_ status: SyncStatus, effects: inout [Effect]) {
        sync = status
        sync.refused = []
        sync.setAside = 0
        if let first = status.refused.first {
            let count = status.refused.count
            let file = status.refusedFile.map { "; bewaard in \($0)" } ?? ""
            show("De server weigerde \(count) gebeurtenis\(count == 1 ? "" : "sen"): \(first.error.message)\(file)", kind: .error)
            effects.append(.reloadProgress)
        } else if status.setAside > 0 {
            let file = status.corruptFile.map { " in \($0)" } ?? ""
            show("\(status.setAside) onleesbare regel(s) uit de wachtrij apart gezet\(file)", kind: .error)
        }
    }

    /// The footer's note on sending: "3 wachten op de server (server onbereikbaar)"; `nil` when nothing waits.
    var syncNote: String? {
        guard sync.isRemote, sync.waiting > 0 else { return nil }
        return sync.waitingText + (sync.problem.map { " (\($0))" } ?? "")
    }
}
