/// A parsed WebVTT file: its cues and, for each cue, where it is and how its text measures.
public struct WebVTTFile: Sendable, Hashable {
    /// The cues in file order.
    public var cues: [Cue]
    /// For each cue, the line (from 1) of its timing line.
    public var cueLines: [Int]
    /// For each cue, its plain text's measurements.
    public var metrics: [CueMetrics]
}
