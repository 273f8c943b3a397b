public import AcademyContent
public import AcademyProgress
import Foundation

/// The player's screens as plain lines, for a pipe, `TERM=dumb`, a screen reader or `--plain`: no
/// escape codes, ids beside titles so the one-thing commands (`academy watch VIDEO`,
/// `academy check STEP`) can be typed from what is shown.
public struct PlainReport: Sendable {
    /// The content.
    public var library: ContentLibrary
    /// The learner.
    public var learner: Learner
    /// Their progress.
    public var progress: LearnerProgress
    /// The width to wrap text at.
    public var width: Int
    /// The language of titles.
    public var language = "nl"

    /// Creates a report.
    public init(library: ContentLibrary, learner: Learner, progress: LearnerProgress, width: Int = 80) {
        self.library = library
        self.learner = learner
        self.progress = progress
        self.width = max(40, width)
    }

    private func text(_ localized: LocalizedText) -> String {
        localized.text(preferring: [language])
    }

    /// "[#####-----]  50%".
    static func bar(_ fraction: Double, width: Int = 10) -> String {
        let clamped = min(1, max(0, fraction))
        let filled = Int((clamped * Double(width)).rounded(.down))
        let percent = "\(Int((clamped * 100).rounded(.down)))%"
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            + TextLayout.padLeft(percent, to: 4)
    }

    /// The catalog: totals, where to continue, and every module with its progress.
    public func catalog() -> String {
        let completions = library.modules.map { Completion.module($0, progress: progress) }
        var lines = ["\(text(library.academy.title)) · \(learner.displayName) (\(learner.role))"]
        let done = completions.count(where: \.isComplete)
        let videos = completions.reduce(0) { $0 + $1.videos.count }
        let videosDone = completions.reduce(0) { $0 + $1.videosComplete }
        let steps = completions.reduce(0) { $0 + $1.stepsRequired }
        let stepsDone = completions.reduce(0) { $0 + $1.stepsChecked }
        let overall = completions.isEmpty ? 0 : completions.reduce(0) { $0 + $1.fraction } / Double(completions.count)
        lines.append(
            "Voortgang \(Self.bar(overall)) · \(done)/\(completions.count) modules klaar · \(videosDone)/\(videos) video's · \(stepsDone)/\(steps) stappen"
        )
        let state = PlayerState(
            library: library,
            learner: learner,
            progress: progress,
            size: TerminalSize(columns: width, rows: 24),
            now: PlayerTime(seconds: 0, date: .distantPast)
        )
        if let target = state.continueTarget {
            lines.append(continueLine(target))
        }
        lines.append("")
        let numberWidth = String(library.modules.last?.number ?? 9).count
        let idWidth = min(32, library.modules.map(\.id.count).max() ?? 0)
        for (module, completion) in zip(library.modules, completions) {
            let number = TextLayout.padLeft(String(module.number), to: numberWidth)
            let mark = completion.isComplete ? " klaar" : ""
            lines.append("\(number)  \(TextLayout.pad(module.id, to: idWidth))  \(Self.bar(completion.fraction))  \(text(module.title))\(mark)")
        }
        lines.append("")
        lines.append("Een module bekijken: academy play MODULE --plain · een video: academy watch VIDEO · een stap afvinken: academy check STEP")
        return lines.joined(separator: "\n") + "\n"
    }

    private func continueLine(_ target: ContinueTarget) -> String {
        let label = target.isResume ? "Verder waar je was" : "Begin hier"
        let module = library.module(id: target.moduleID).map { "\($0.number) \(text($0.title))" } ?? target.moduleID
        switch target.place {
        case let .video(videoID, _, at):
            let title = library.video(id: videoID).map { text($0.title) } ?? videoID
            return "\(label): \(module) › \(title)\(at > 0 ? " (vanaf \(Clock.text(at)))" : "") — academy watch \(videoID)"
        case let .step(stepID, _, _):
            let title = library.step(id: stepID).map { text($0.title) } ?? stepID
            return "\(label): \(module) › \(title) — academy check \(stepID)"
        case let .module(moduleID):
            return "\(label): \(module) — academy play \(moduleID) --plain"
        }
    }

    /// One module: summary, progress, videos (duration, watched) and step plans (steps done).
    public func module(_ module: Module) -> String {
        let completion = Completion.module(module, progress: progress)
        var lines = ["Module \(module.number): \(text(module.title)) (\(module.id))"]
        let audience = module.audience.map(\.rawValue).joined(separator: ", ")
        lines.append(
            "\(module.estimatedMinutes) min · \(module.videos.count) video's (\(module.totalDuration.clock))"
                + (audience.isEmpty ? "" : " · voor \(audience)")
        )
        lines += TextLayout.wrap(text(module.summary), width: width)
        lines.append(
            "Voortgang \(Self.bar(completion.fraction)) · \(completion.videosComplete)/\(completion.videosRequired) video's · "
                + "\(completion.stepsChecked)/\(completion.stepsRequired) stappen\(completion.isComplete ? " · klaar" : "")"
        )
        if !module.videos.isEmpty {
            lines.append("")
            lines.append("Video's")
            let idWidth = module.videos.map(\.id.count).max() ?? 0
            for (video, watched) in zip(module.videos, completion.videos) {
                var status: String
                if watched.isComplete {
                    status = "bekeken"
                } else if watched.watchedSeconds > 0 {
                    status = "\(Int((watched.fraction * 100).rounded(.down)))% gezien"
                } else {
                    status = "nog niet gezien"
                }
                if !watched.isComplete, watched.position > 0 { status += ", verder vanaf \(Clock.text(watched.position))" }
                lines.append(
                    "  [\(watched.isComplete ? "x" : " ")] \(TextLayout.pad(video.id, to: idWidth))  "
                        + "\(TextLayout.padLeft(video.duration.clock, to: 5))  \(text(video.title)) (\(status))"
                )
            }
        }
        let checked = progress.checkedSteps
        for (plan, done) in zip(module.stepPlans, completion.stepPlans) {
            lines.append("")
            lines.append(
                "Stappenplan: \(text(plan.title)) (\(plan.id)): \(done.checkedSteps.count)/\(plan.steps.count) stappen\(done.isComplete ? ", klaar" : "")"
            )
            let idWidth = plan.steps.map(\.id.count).max() ?? 0
            for step in plan.steps {
                let optional = step.isOptional ? ", optioneel" : ""
                lines.append(
                    "  [\(checked.contains(step.id) ? "x" : " ")] \(TextLayout.pad(step.id, to: idWidth))  \(text(step.title)) (\(step.role), \(step.minutes) min\(optional))"
                )
                if let note = progress.notes[step.id], !note.text.isEmpty {
                    lines.append("      notitie: " + note.text.replacing("\n", with: " "))
                }
            }
        }
        lines.append("")
        lines.append("Kijken: academy watch VIDEO · afvinken: academy check STEP (--uncheck om het terug te draaien)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A video's transcript with the time of each caption.
    public func transcript(of video: Video) -> String {
        var lines = ["\(text(video.title)) (\(video.id), \(video.duration.clock))"]
        let cues = video.captions(in: language)?.cues ?? []
        if cues.isEmpty { lines.append("(geen ondertiteling)") }
        let chapters = video.chapters(in: language)?.cues ?? []
        var nextChapter = 0
        for cue in cues {
            while nextChapter < chapters.count, chapters[nextChapter].start <= cue.start {
                lines.append("")
                lines.append("## \(chapters[nextChapter].plainText)")
                nextChapter += 1
            }
            let time = TextLayout.padLeft(cue.start.clock, to: 5)
            lines.append("\(time)  " + cue.plainText.replacing("\n", with: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The plain text of any string: control characters (escape codes in content) become spaces.
    public static func sanitized(_ text: String) -> String {
        String(text.map { $0 == "\n" ? $0 : TextLayout.displayable($0) })
    }
}
