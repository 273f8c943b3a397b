import AcademyPlayer
import ArgumentParser

struct Watch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Open a video in a real player from where you were, and record the time watched.",
        discussion: """
            The player is $ACADEMY_PLAYER (split into words like $PAGER; it gets --start=SECONDS PATH appended), \
            else mpv (--vo=tct without a display), else xdg-open; without one, the file's path and the transcript \
            are printed.
            """
    )

    @Argument(help: "The video's id (listed by 'academy play MODULE --plain').")
    var video: String

    @Option(help: "Where to start: seconds, m:ss or h:mm:ss (default: where you were).")
    var at: String?

    @Flag(help: "Print the transcript with times, and open nothing.")
    var transcript = false

    @OptionGroup var options: PlayerCommandOptions

    func run() async throws {
        try await runningPlayerCommand {
            try await WatchCommand(options: options.playerOptions, videoID: video, start: at, isTranscriptOnly: transcript).run()
        }
    }
}
