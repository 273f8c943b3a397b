import AcademyContent
import AcademyProgress
import Foundation

@testable import AcademyPlayer

/// A small academy made in code, so tests know every id, duration and cue.
enum Fixture {
    static let learner = Learner(id: "anna", displayName: "Anna", team: "onderbouw", role: .leraar)
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func cue(_ start: Double, _ end: Double, _ text: String) -> Cue {
        Cue(start: MediaDuration(seconds: start), end: MediaDuration(seconds: end), text: text)
    }

    static let library: ContentLibrary = {
        let v1 = Video(
            id: "v1",
            moduleID: "m1",
            duration: MediaDuration(seconds: 60),
            title: LocalizedText("Waarom samen leren?"),
            summary: LocalizedText("Wat een team wint als het elke dag samen een beetje beter wordt."),
            sources: [MediaSource(src: "v1.webm", type: "video/webm"), MediaSource(src: "v1.mp4", type: "video/mp4")],
            captions: [
                TextTrack(
                    language: "nl",
                    src: "captions/v1.nl.vtt",
                    cues: [
                        cue(1, 4, "Hallo allemaal."), cue(4, 8, "Dit is de tweede zin,\nover twee regels."), cue(20, 25, "Het derde stuk."),
                        cue(31, 40, "Na het hoofdstuk."),
                    ]
                )
            ],
            chapters: [TextTrack(language: "nl", src: "chapters/v1.nl.vtt", cues: [cue(0, 30, "Begin"), cue(30, 60, "Einde")])]
        )
        let v2 = Video(
            id: "v2",
            moduleID: "m1",
            duration: MediaDuration(seconds: 30),
            title: LocalizedText("Een tweede video"),
            summary: LocalizedText("Kort."),
            sources: [MediaSource(src: "v2.mp4", type: "video/mp4")],
            captions: [TextTrack(language: "nl", src: "captions/v2.nl.vtt", cues: [cue(0, 5, "Eén zin.")])]
        )
        let v3 = Video(
            id: "v3",
            moduleID: "m2",
            duration: MediaDuration(seconds: 10),
            title: LocalizedText("Derde video"),
            summary: LocalizedText("Nog korter.")
        )
        let steps = [
            Step(
                id: "s1",
                title: LocalizedText("Kies een vast moment"),
                body: LocalizedText("Spreek een moment af.\n\nZet het in het rooster."),
                role: .schoolleider,
                minutes: 20,
                needs: [LocalizedText("Het rooster")],
                videoMoments: [VideoMoment(videoID: "v1", at: MediaDuration(seconds: 20))]
            ),
            Step(id: "s2", title: LocalizedText("Lees vooraf"), body: LocalizedText("Als je wilt."), role: .leraar, minutes: 5, isOptional: true),
            Step(
                id: "s3",
                title: LocalizedText("Houd de sessie"),
                body: LocalizedText("Sta bij het bord."),
                role: .leraar,
                minutes: 15,
                videoMoments: [VideoMoment(videoID: "v1", at: MediaDuration(seconds: 31)), VideoMoment(videoID: "v2")]
            ),
        ]
        let m1 = Module(
            id: "m1",
            number: 1,
            folder: "01-m1",
            title: LocalizedText("Eerste module", translations: ["en": "First module"]),
            summary: LocalizedText("De eerste module: wat samen leren is en hoe je begint."),
            audience: [.leraar, .schoolcoach],
            estimatedMinutes: 30,
            videos: [v1, v2],
            stepPlans: [StepPlan(id: "p1", title: LocalizedText("Aan de slag"), steps: steps)]
        )
        let m2 = Module(
            id: "m2",
            number: 2,
            folder: "02-m2",
            title: LocalizedText("Tweede module over de bordsessie"),
            summary: LocalizedText("Over het bord."),
            estimatedMinutes: 10,
            requiredModuleIDs: ["m1"],
            videos: [v3]
        )
        let academy = Academy(
            id: "test-academie",
            version: 1,
            language: "nl",
            title: LocalizedText("Testacademie"),
            summary: LocalizedText("Om te testen."),
            moduleEntries: [ModuleEntry(id: "m1", folder: "01-m1"), ModuleEntry(id: "m2", folder: "02-m2")],
            tracks: [
                Track(id: "leraar", title: LocalizedText("Leerlijn voor leraren"), role: .leraar, moduleIDs: ["m2", "m1"]),
                Track(id: "po", title: LocalizedText("Leerlijn po"), schoolType: .po, moduleIDs: ["m1"]),
            ]
        )
        return ContentLibrary(root: "/content/Modules", academy: academy, modules: [m1, m2])
    }()

    /// The bundled content of the repository (loaded once).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func bundledLibrary() async throws -> ContentLibrary {
        try await BundledLibrary.shared.library()
    }
}

/// Loads the bundled content once for all tests.
actor BundledLibrary {
    static let shared = BundledLibrary()
    private var loaded: ContentLibrary?

    func library() async throws -> ContentLibrary {
        if let loaded { return loaded }
        let library = try await ContentLibrary.load(from: Fixture.repository.appendingPathComponent("Modules").path)
        loaded = library
        return library
    }
}

/// Drives the pure core like the backend does: events in, effects collected.
struct Driver {
    var state: PlayerState
    var effects: [Effect] = []
    var clock = 0.0

    init(
        library: ContentLibrary = Fixture.library,
        progress: LearnerProgress = LearnerProgress(),
        size: TerminalSize = TerminalSize(columns: 80, rows: 24),
        moduleID: String? = nil
    ) {
        state = PlayerState(
            library: library,
            learner: Fixture.learner,
            progress: progress,
            size: size,
            now: PlayerTime(seconds: 0, date: Fixture.start)
        )
        if let moduleID {
            send(.open(moduleID: moduleID))
            effects = []
        }
    }

    var now: PlayerTime { PlayerTime(seconds: clock, date: Fixture.start.addingTimeInterval(clock)) }

    mutating func send(_ event: PlayerEvent) {
        let (next, new) = Player.update(state, event)
        state = next
        effects += new
    }

    mutating func press(_ keys: Key...) {
        for key in keys { send(.key(key)) }
    }

    mutating func type(_ text: String) {
        for character in text { send(.key(.character(character))) }
    }

    /// Lets `seconds` pass in steps of a tenth, as the backend ticks.
    mutating func wait(_ seconds: Double, step: Double = 0.1) {
        let end = clock + seconds
        while clock < end - 1e-9 {
            clock = min(end, clock + step)
            send(.tick(now))
        }
    }

    /// Takes the effects so far.
    mutating func takeEffects() -> [Effect] {
        defer { effects = [] }
        return effects
    }

    /// The events of every record effect so far.
    var recorded: [ProgressEvent] {
        effects.flatMap { effect -> [ProgressEvent] in
            if case let .record(events) = effect { return events }
            return []
        }
    }

    var screen: Screen { Player.render(state, size: state.size) }

    /// The caption playback's position (-1 when no video shows).
    var position: Double { video?.playback.position ?? -1 }

    /// The style of the first cell of `text` on the screen.
    func style(of text: String) -> CellStyle? {
        let screen = self.screen
        for row in 0..<screen.size.rows {
            let line = screen.line(row)
            guard let range = line.range(of: text) else { continue }
            return screen[row, TextLayout.width(line[..<range.lowerBound])].style
        }
        return nil
    }
    var text: String { screen.text }

    var video: VideoScreen? {
        if case let .video(screen) = state.route { return screen }
        return nil
    }

    var module: ModuleScreen? {
        if case let .module(screen) = state.route { return screen }
        return nil
    }

    var stepPlan: StepPlanScreen? {
        if case let .stepPlan(screen) = state.route { return screen }
        return nil
    }
}

extension ProgressEvent.Kind {
    /// The step of a check event, for short assertions.
    var checkedStep: (id: String, isChecked: Bool)? {
        switch self {
        case let .stepChecked(id): (id, true)
        case let .stepUnchecked(id): (id, false)
        default: nil
        }
    }

    var videoSegments: (video: String, segments: [TimeSegments.Segment], position: Double)? {
        if case let .videoProgress(video, segments, position) = self { return (video, segments, position) }
        return nil
    }
}

/// Whether two times are equal to the millisecond.
func isClose(_ lhs: Double, _ rhs: Double) -> Bool {
    abs(lhs - rhs) < 0.002
}
