import AcademyProgress
import Foundation
import Synchronization

/// The accounts as authentication needs them on every request: by token hash, refreshed from the
/// store at most once a second (accounts change rarely; `academy learners` changes them on disk).
final class AccountDirectory: Sendable {
    private struct State {
        var byTokenHash: [String: Learner] = [:]
        /// No accounts but (perhaps) the local learner: who everyone is on a loopback server.
        var isLocalOnly = true
        var localLearner: Learner?
        var refreshedAt = ContinuousClock.now - .seconds(10)
    }

    private let store: any ProgressStore
    private let state = Mutex(State())
    /// Recently seen tokens and their hashes, so a busy client's token is hashed once, not per request.
    private let recentHashes = Mutex<[String: String]>([:])

    init(store: any ProgressStore) {
        self.store = store
    }

    /// The learner whose token this is.
    func learner(withToken token: String) async throws -> Learner? {
        try await refreshIfStale()
        let hash = AccessToken.hash(token)
        guard let learner = state.withLock({ $0.byTokenHash[hash] }) else { return nil }
        // The hash was found by lookup; confirm it in constant time all the same.
        return learner.tokens.contains { AccessToken.constantTimeEqual($0.hash, hash) } ? learner : nil
    }

    /// The local learner when no real account exists (then, on loopback, everyone is them);
    /// made on first use. Nil once anyone has an account.
    func localLearner(service: ProgressService) async throws -> Learner? {
        try await refreshIfStale()
        let (localOnly, local) = state.withLock { ($0.isLocalOnly, $0.localLearner) }
        guard localOnly else { return nil }
        if let local { return local }
        let made = try await service.defaultLearner()
        try await refresh()
        return made
    }

    /// The learner with this token from the cached accounts, without waiting: nil when the cache is
    /// stale or the token unknown (the caller then takes the slow path, which refreshes).
    func cachedLearner(withToken token: String) -> Learner? {
        let hash = recentHash(of: token)
        return state.withLock { state in
            guard ContinuousClock.now - state.refreshedAt <= .seconds(1), let learner = state.byTokenHash[hash] else { return nil }
            return learner.tokens.contains { AccessToken.constantTimeEqual($0.hash, hash) } ? learner : nil
        }
    }

    private func recentHash(of token: String) -> String {
        if let hash = recentHashes.withLock({ $0[token] }) { return hash }
        let hash = AccessToken.hash(token)
        recentHashes.withLock { recent in
            if recent.count >= 4096 { recent.removeAll(keepingCapacity: true) }
            recent[token] = hash
        }
        return hash
    }

    /// Whether, by the fresh cache, nobody but the local learner has an account.
    func isCachedLocalOnly() -> Bool {
        state.withLock { ContinuousClock.now - $0.refreshedAt <= .seconds(1) && $0.isLocalOnly && $0.localLearner != nil }
    }

    /// Re-reads the accounts now.
    func refresh() async throws {
        let learners = try await store.learners()
        var byHash: [String: Learner] = [:]
        for learner in learners {
            for token in learner.tokens { byHash[token.hash] = learner }
        }
        let local = learners.first { $0.id == ProgressService.localLearnerID && $0.tokens.isEmpty }
        state.withLock {
            $0.byTokenHash = byHash
            $0.isLocalOnly = learners.isEmpty || (learners.count == 1 && local != nil)
            $0.localLearner = local
            $0.refreshedAt = .now
        }
    }

    private func refreshIfStale() async throws {
        let stale = state.withLock { ContinuousClock.now - $0.refreshedAt > .seconds(1) }
        if stale { try await refresh() }
    }
}

/// Counts failed sign-ins per client address in one-minute windows.
final class FailedSignInLimiter: Sendable {
    private let limit: Int
    private let windows = Mutex<[String: (start: ContinuousClock.Instant, count: Int)]>([:])

    init(limit: Int) {
        self.limit = limit
    }

    /// Seconds to wait when `address` has failed too often in the current minute, else nil.
    func retryAfter(_ address: String) -> Int? {
        windows.withLock { windows in
            guard let window = windows[address] else { return nil }
            let elapsed = ContinuousClock.now - window.start
            if elapsed > .seconds(60) {
                windows[address] = nil
                return nil
            }
            return window.count >= limit ? max(1, 60 - Int(elapsed.components.seconds)) : nil
        }
    }

    /// Records a failed sign-in from `address`.
    func recordFailure(_ address: String) {
        windows.withLock { windows in
            let now = ContinuousClock.now
            if let window = windows[address], now - window.start <= .seconds(60) {
                windows[address] = (window.start, window.count + 1)
            } else {
                windows[address] = (now, 1)
            }
            if windows.count > 10_000 {
                windows = windows.filter { now - $0.value.start <= .seconds(60) }
            }
        }
    }
}
