/// A parsed WebVTT file: its cues and, for each cue, where it is, when it shows and how its text
/// measures.
public struct WebVTTFile: Sendable, Hashable {
    /// The cues in file order; empty when the parse kept no text (a validation), which needs only
    /// the cues' lines, times and measurements.
    public var cues: [Cue]
    /// For each cue, the line (from 1) of its timing line.
    public var cueLines: [Int]
    /// For each cue, when it starts and ends.
    public var cueTimes: [CueTimes]
    /// For each cue, its plain text's measurements.
    public var metrics: [CueMetrics]

    /// The number of cues read.
    public var cueCount: Int { cueLines.count }
}

/// When a cue starts and ends.
public struct CueTimes: Sendable, Hashable {
    public var start: MediaDuration
    public var end: MediaDuration

    /// Creates the times of a cue.
    public init(start: MediaDuration, end: MediaDuration) {
        self.start = start
        self.end = end
    }
}
