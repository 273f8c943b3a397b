import Foundation

/// How to load or validate a content tree.
public struct ContentLoadOptions: Sendable {
    /// The media directory (`--media`); when set, media files are checked too.
    public var mediaDirectory: String?
    /// The `ffprobe` to measure media durations with; found on `PATH` by default.
    public var ffprobePath: String?
    /// How many modules to read at once; all cores by default.
    public var concurrency: Int
    /// Whether texts are kept: the cues' text, and the titles, summaries and step texts of the
    /// manifests. A validation that only reports diagnostics needs none (each cue is still
    /// measured, and each text's language still checked), and then builds no library.
    public var keepsCaptionText: Bool
    /// Called as modules finish, with the number done and the total (from any thread).
    public var progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?

    /// Creates options.
    public init(
        mediaDirectory: String? = nil,
        ffprobePath: String? = ContentLoadOptions.executable(named: "ffprobe"),
        concurrency: Int = ContentLoadOptions.defaultConcurrency,
        keepsCaptionText: Bool = true,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) {
        self.mediaDirectory = mediaDirectory
        self.ffprobePath = ffprobePath
        self.concurrency = max(1, concurrency)
        self.keepsCaptionText = keepsCaptionText
        self.progress = progress
    }

    /// The number of active cores.
    public static var defaultConcurrency: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// The full path of an executable on `PATH`, if there is one.
    public static func executable(named name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
