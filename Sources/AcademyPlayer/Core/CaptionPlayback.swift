public import AcademyProgress

/// Caption playback of one video: the transcript plays in time, as the video would speak it.
///
/// Positions are in media seconds; the clock is the monotonic seconds of ``PlayerTime``. What has
/// played is kept as segments of media time, which the core records as `videoProgress` events: so
/// seeking past a part does not count it as watched, and playing at 2x covers media twice as fast.
public struct CaptionPlayback: Sendable, Hashable {
    /// The speeds `+` and `-` step through.
    public static let speeds: [Double] = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2]
    /// How often played time is recorded while playing, in seconds of real time.
    public static let recordInterval = 10.0

    /// The video's length in seconds.
    public let duration: Double
    /// Where playback is, in seconds.
    public private(set) var position: Double
    /// Whether captions are playing (not paused).
    public private(set) var isPlaying: Bool
    /// The playback speed, 1 for normal.
    public private(set) var speed: Double
    /// Where the current uninterrupted run of playing began (equal to `position` when paused).
    private var runStart: Double
    /// The clock at the last ``advance(to:)``.
    private var lastTick: Double
    /// The clock when played time was last taken for recording.
    private var lastRecord: Double
    /// Played segments not yet taken for recording.
    private var unrecorded = TimeSegments()

    /// Creates playback at `position`, playing or paused, at the clock time `now`.
    public init(duration: Double, position: Double, isPlaying: Bool, now: Double) {
        self.duration = max(0, duration)
        let start = min(max(0, position), max(0, duration))
        self.position = start
        self.isPlaying = isPlaying && start < duration
        self.speed = 1
        self.runStart = start
        self.lastTick = now
        self.lastRecord = now
    }

    /// Moves playback on to the clock time `now`; returns `true` when this reached the end (which pauses).
    @discardableResult
    public mutating func advance(to now: Double) -> Bool {
        defer { lastTick = max(lastTick, now) }
        guard isPlaying else { return false }
        let elapsed = max(0, now - lastTick)
        position = min(duration, position + elapsed * speed)
        guard position >= duration else { return false }
        closeRun()
        isPlaying = false
        return true
    }

    /// Starts playing (from the start again when at the end).
    public mutating func play(now: Double) {
        advance(to: now)
        guard !isPlaying else { return }
        if position >= duration - 0.05 { position = 0 }
        isPlaying = duration > 0
        runStart = position
        lastTick = now
    }

    /// Pauses.
    public mutating func pause(now: Double) {
        advance(to: now)
        closeRun()
        isPlaying = false
    }

    /// Jumps to `target` seconds (clamped to the video); what played before the jump is kept.
    public mutating func seek(to target: Double, now: Double) {
        advance(to: now)
        closeRun()
        position = min(max(0, target), duration)
        runStart = position
        if position >= duration { isPlaying = false }
    }

    /// Changes the speed to the next faster (`steps` > 0) or slower (`steps` < 0) of ``speeds``.
    public mutating func changeSpeed(by steps: Int, now: Double) {
        advance(to: now)
        let index = Self.speeds.firstIndex { $0 >= speed - 0.001 } ?? 2
        speed = Self.speeds[min(max(0, index + steps), Self.speeds.count - 1)]
    }

    /// Whether played time has waited long enough to be recorded (every ``recordInterval`` seconds).
    public func isRecordDue(now: Double) -> Bool {
        now - lastRecord >= Self.recordInterval && hasUnrecordedTime
    }

    /// Whether anything played that is not yet taken for recording.
    public var hasUnrecordedTime: Bool {
        !unrecorded.segments.isEmpty || (isPlaying && position > runStart)
    }

    /// Takes the played segments not yet recorded (rounded to the millisecond), and restarts the clock
    /// of ``isRecordDue(now:)``; `nil` when nothing played.
    public mutating func takeUnrecorded(now: Double) -> [TimeSegments.Segment]? {
        advance(to: now)
        closeRun()
        lastRecord = now
        let segments = unrecorded.segments.compactMap { segment -> TimeSegments.Segment? in
            let from = (segment.from * 1000).rounded() / 1000
            let to = (min(segment.to, duration) * 1000).rounded() / 1000
            return to > from ? TimeSegments.Segment(from: from, to: to) : nil
        }
        unrecorded = TimeSegments()
        return segments.isEmpty ? nil : segments
    }

    /// Ends the current run at the position, keeping it as played; a playing run goes on from here.
    private mutating func closeRun() {
        if position > runStart { unrecorded.insert(runStart, position) }
        runStart = position
    }
}
