import AcademyContent
import AcademyProgress
import Foundation
import Testing

@testable import AcademyPlayer

@Suite("The catalog screen")
struct CatalogTests {
    @Test("Starts on the catalog with a 'begin here' row for a new learner, then every module")
    func start() {
        let driver = Driver()
        #expect(driver.state.route == .catalog)
        #expect(driver.state.continueTarget == ContinueTarget(place: .video(videoID: "v3", moduleID: "m2", at: 0), isResume: false))
        let text = driver.text
        #expect(text.contains("Testacademie"))
        #expect(text.contains("▶ Begin hier: 2 Tweede module over de bordsessie › Derde video"))
        #expect(text.contains("1 Eerste module"))
        #expect(text.contains("2 Tweede module over de bordsessie"))
        #expect(text.contains("0/2 modules klaar"))
    }

    @Test("↑/↓, k/j, PgUp/PgDn, Home/End and g/G move the selection within the rows")
    func movement() {
        var driver = Driver()
        driver.press(.down)
        #expect(driver.state.catalog.selection == 1)
        driver.press(.down, .down, .down)
        #expect(driver.state.catalog.selection == 2, "stops at the last row (continue + 2 modules)")
        driver.press(.up)
        #expect(driver.state.catalog.selection == 1)
        driver.press(.character("k"))
        #expect(driver.state.catalog.selection == 0)
        driver.press(.up)
        #expect(driver.state.catalog.selection == 0)
        driver.press(.character("j"), .character("j"))
        #expect(driver.state.catalog.selection == 2)
        driver.press(.home)
        #expect(driver.state.catalog.selection == 0)
        driver.press(.end)
        #expect(driver.state.catalog.selection == 2)
        driver.press(.character("g"))
        #expect(driver.state.catalog.selection == 0)
        driver.press(.character("G"))
        #expect(driver.state.catalog.selection == 2)
        driver.press(.pageUp)
        #expect(driver.state.catalog.selection == 0)
        driver.press(.pageDown)
        #expect(driver.state.catalog.selection == 2)
    }

    @Test("Enter, → and l open the selected module and record that it was started, once")
    func openModule() {
        var driver = Driver()
        driver.press(.down, .enter)
        #expect(driver.module?.moduleID == "m1")
        #expect(driver.recorded.map(\.kind) == [.moduleStarted])
        #expect(driver.recorded.first?.moduleID == "m1")
        driver.press(.character("q"))
        #expect(driver.state.route == .catalog)
        driver.press(.right)
        #expect(driver.module?.moduleID == "m1")
        #expect(driver.recorded.count == 1, "a started module is not started again")
        driver.press(.escape)
        driver.press(.down, .character("l"))
        #expect(driver.module?.moduleID == "m2")
    }

    @Test("Enter on the continue row (or v anywhere) opens where the learner was, with the module beneath")
    func continueWhereLeft() {
        var progress = LearnerProgress()
        progress.apply(
            ProgressEvent(at: Fixture.start, kind: .videoProgress(videoID: "v2", segments: [.init(from: 0, to: 12)], position: 12), moduleID: "m1")
        )
        var driver = Driver(progress: progress)
        #expect(driver.state.continueTarget == ContinueTarget(place: .video(videoID: "v2", moduleID: "m1", at: 12), isResume: true))
        #expect(driver.text.contains("▶ Verder waar je was: 1 Eerste module › Een tweede video (0:12)"))
        driver.press(.enter)
        #expect(driver.video?.videoID == "v2")
        #expect(driver.video?.playback.position == 12)
        #expect(driver.state.stack.count == 2)
        driver.press(.character("q"))
        #expect(driver.module?.selection == 1, "the module screen selects the video")

        var second = Driver(progress: progress)
        second.press(.down, .character("v"))
        #expect(second.video?.videoID == "v2")
    }

    @Test("Continue leads to a step plan with the step selected when a step was the last place")
    func continueStep() {
        var progress = LearnerProgress()
        progress.apply(ProgressEvent(at: Fixture.start, kind: .stepChecked(stepID: "s3"), moduleID: "m1"))
        var driver = Driver(progress: progress)
        driver.press(.character("v"))
        #expect(driver.stepPlan?.stepPlanID == "p1")
        #expect(driver.stepPlan?.selection == 2)
    }

    @Test("/ searches titles, ids and numbers without regard to case or accents; Enter keeps, Esc clears")
    func search() {
        var driver = Driver()
        driver.press(.character("/"))
        #expect(driver.state.catalog.isSearching)
        driver.type("BÓRD")
        #expect(driver.state.catalog.query == "BÓRD")
        #expect(driver.state.listedModules == [1])
        #expect(driver.text.contains("Zoek: BÓRD"))
        #expect(!driver.text.contains("1 Eerste module"))
        driver.press(.backspace, .backspace, .backspace, .backspace)
        #expect(driver.state.listedModules == [0, 1])
        driver.type("q?jk")
        #expect(driver.state.catalog.query == "q?jk", "while searching, letters are text, not keys")
        #expect(driver.state.listedModules.isEmpty)
        #expect(driver.text.contains("Geen module gevonden voor 'q?jk'"))
        driver.press(.control("u"))
        driver.type("eerste")
        driver.press(.enter)
        #expect(!driver.state.catalog.isSearching)
        #expect(driver.state.listedModules == [0])
        #expect(driver.state.catalog.selection == 1, "the only match is selected")
        driver.press(.enter)
        #expect(driver.module?.moduleID == "m1")
        driver.press(.character("q"))
        driver.press(.escape)
        #expect(driver.state.catalog.query.isEmpty)
        driver.press(.character("/"))
        driver.type("2")
        driver.press(.escape)
        #expect(!driver.state.catalog.isSearching)
        #expect(driver.state.listedModules == [0, 1])
    }

    @Test("t and T cycle the track filter: all modules, then each track in its order")
    func trackFilter() {
        var driver = Driver()
        driver.press(.character("t"))
        #expect(driver.state.catalog.trackID == "leraar")
        #expect(driver.state.listedModules == [1, 0])
        #expect(driver.text.contains("Leerlijn: Leerlijn voor leraren"))
        driver.press(.character("t"))
        #expect(driver.state.catalog.trackID == "po")
        #expect(driver.state.listedModules == [0])
        driver.press(.character("t"))
        #expect(driver.state.catalog.trackID == nil)
        driver.press(.character("T"))
        #expect(driver.state.catalog.trackID == "po")
    }

    @Test("q quits with a quit effect; Ctrl-C quits from any screen")
    func quit() {
        var driver = Driver()
        driver.press(.character("q"))
        #expect(driver.state.isFinished)
        #expect(driver.effects.last == .quit)

        var deep = Driver()
        deep.press(.down, .enter, .enter)
        #expect(deep.video != nil)
        deep.wait(2)
        deep.press(.interrupt)
        #expect(deep.state.isFinished)
        #expect(deep.effects.last == .quit)
        #expect(deep.recorded.last?.kind.videoSegments?.segments == [.init(from: 0, to: 2)], "what played is recorded before quitting")
        deep.press(.down)
        #expect(deep.effects.last == .quit, "nothing happens after quitting")
    }

    @Test("? shows the help overlay with every key of the screen; the next key only closes it")
    func help() {
        var driver = Driver()
        driver.press(.character("?"))
        #expect(driver.state.isHelpShown)
        let text = driver.text
        for entry in HelpText.entries(for: .catalog) {
            #expect(text.contains(entry.keys), "\(entry.keys)")
        }
        #expect(text.contains("Toetsen: overzicht"))
        driver.press(.down)
        #expect(!driver.state.isHelpShown)
        #expect(driver.state.catalog.selection == 0, "the closing key does nothing else")
    }

    @Test("The bars and totals are the shared completion's")
    func completionFromProgress() {
        var progress = LearnerProgress()
        progress.apply(
            ProgressEvent(at: Fixture.start, kind: .videoProgress(videoID: "v3", segments: [.init(from: 0, to: 10)], position: 10), moduleID: "m2")
        )
        let driver = Driver(progress: progress)
        let completion = Completion.module(Fixture.library.modules[1], progress: progress)
        #expect(completion.isComplete)
        #expect(driver.state.completions[1] == completion)
        #expect(driver.text.contains("1/2 modules klaar"))
        #expect(driver.text.contains("100% ✓"))
    }

    @Test("Unknown keys and keys of other screens change nothing on the catalog")
    func unknownKeys() {
        var driver = Driver()
        let before = driver.text
        driver.press(.character("x"), .character("]"), .function(5), .tab, .delete, .left, .space, .character("n"))
        #expect(driver.text == before)
        #expect(driver.effects.isEmpty)
        #expect(!driver.state.isFinished)
    }
}
