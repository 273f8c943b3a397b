import AcademyContent
import AcademyProgress
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `academy watch VIDEO`: opens the video in a real player from where the learner was (or `--at`),
/// and records the time it ran as watched; without a player, prints where the file is and the
/// transcript.
public struct WatchCommand: Sendable {
    /// Where things are and who is learning.
    public var options: PlayerOptions
    /// The video.
    public var videoID: String
    /// Where to start (`--at`: seconds, `m:ss` or `h:mm:ss`); `nil`: where the learner was.
    public var start: String?
    /// Whether only the transcript is printed.
    public var isTranscriptOnly: Bool

    /// Creates the command.
    public init(options: PlayerOptions, videoID: String, start: String?, isTranscriptOnly: Bool) {
        self.options = options
        self.videoID = videoID
        self.start = start
        self.isTranscriptOnly = isTranscriptOnly
    }

    /// `83`, `83.5`, `1:23` or `1:02:03` in seconds.
    public static func seconds(_ text: String) -> Double? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        var total = 0.0
        for (index, part) in parts.enumerated() {
            guard let value = Double(part), value >= 0, value.isFinite else { return nil }
            if index < parts.count - 1, value != value.rounded() { return nil }
            if index > 0, value >= 60 { return nil }
            total = total * 60 + value
        }
        return total
    }

    /// Runs; returns the exit status. Throws ``PlayerUsageError`` for an unknown video or a bad `--at`.
    public func run() async throws -> Int32 {
        let context = try await options.open()
        let video = try context.video(videoID)
        for issue in context.issues { StandardStreams.write("academy: \(issue)\n", to: 2) }
        let progress = try await context.backend.progress()
        let report = PlainReport(library: context.library, learner: context.learner, progress: progress)
        if isTranscriptOnly {
            StandardStreams.write(PlainReport.sanitized(report.transcript(of: video)))
            return 0
        }
        let from: Double
        if let start {
            guard let seconds = Self.seconds(start), seconds <= video.duration.seconds else {
                throw PlayerUsageError(
                    "--at '\(start)' is not a time in '\(video.id)' (0 to \(video.duration.clock)): write seconds, m:ss or h:mm:ss"
                )
            }
            from = seconds
        } else {
            let position = progress.videos[video.id]?.position ?? 0
            from = position >= video.duration.seconds - 1 ? 0 : position
        }
        switch context.launcher.plan(for: video, start: from) {
        case let .unavailable(message):
            StandardStreams.write("academy: \(message)\n", to: 2)
            StandardStreams.write(PlainReport.sanitized(report.transcript(of: video)))
            return 0
        case let .run(arguments):
            StandardStreams.write("Video openen vanaf \(Clock.text(from)): \(VideoLauncher.displayed(arguments))\n", to: 2)
            // Ctrl-C is the player's, as it is for a shell running it.
            let previousInterrupt = signal(SIGINT, SIG_IGN)
            let previousQuit = signal(SIGQUIT, SIG_IGN)
            let (outcome, seconds) = ChildProcess.run(arguments, environment: context.launcher.childEnvironment(options.environment))
            signal(SIGINT, previousInterrupt)
            signal(SIGQUIT, previousQuit)
            switch outcome {
            case .exited(0):
                return try await record(video, from: from, seconds: seconds, context: context)
            case let .exited(status):
                StandardStreams.write("academy: the player '\(arguments[0])' exited with status \(status); nothing was recorded\n", to: 2)
            case let .signaled(signal):
                StandardStreams.write("academy: the player '\(arguments[0])' was stopped by signal \(signal); nothing was recorded\n", to: 2)
            case let .notStarted(reason):
                StandardStreams.write("academy: cannot start the player '\(arguments[0])' (\(reason)): install mpv or set ACADEMY_PLAYER\n", to: 2)
            }
            return 1
        }
    }

    private func record(_ video: Video, from: Double, seconds: Double, context: PlayerContext) async throws -> Int32 {
        let end = min(video.duration.seconds, from + seconds)
        guard seconds >= 1, end > from else {
            StandardStreams.write("De speler is gesloten; er is geen kijktijd opgeslagen.\n")
            return 0
        }
        let segment = TimeSegments.Segment(from: (from * 1000).rounded() / 1000, to: (end * 1000).rounded() / 1000)
        let event = ProgressEvent(kind: .videoProgress(videoID: video.id, segments: [segment], position: segment.to), moduleID: video.moduleID)
        let (refused, status) = try await context.store([event])
        if let error = refused.first {
            StandardStreams.write("academy: not recorded: \(error)\n" + context.storeReport(status), to: 2)
            return 1
        }
        let progress = try await context.backend.progress()
        let completion = context.library.module(id: video.moduleID).map { Completion.module($0, progress: progress) }
        let watched = completion?.videos.first { $0.videoID == video.id }
        var line = "Bekeken van \(Clock.text(from)) tot \(Clock.text(end)); \(status.waiting > 0 ? "bewaard, wacht op de server" : "opgeslagen")."
        if let watched { line += watched.isComplete ? " Video bekeken ✓" : " Video: \(Int((watched.fraction * 100).rounded(.down)))% gezien." }
        StandardStreams.write(line + "\n")
        StandardStreams.write(context.storeReport(status), to: 2)
        return 0
    }
}
