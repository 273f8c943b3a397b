import AcademyContent
import AcademyProgress
import Foundation
import Testing

@testable import AcademyPlayer

@Suite("The module screen")
struct ModuleScreenTests {
    @Test("Shows the summary, progress, videos with duration and watched, and step plans with steps done")
    func content() {
        var progress = LearnerProgress()
        progress.apply(
            ProgressEvent(at: Fixture.start, kind: .videoProgress(videoID: "v1", segments: [.init(from: 0, to: 60)], position: 60), moduleID: "m1")
        )
        progress.apply(
            ProgressEvent(at: Fixture.start, kind: .videoProgress(videoID: "v2", segments: [.init(from: 0, to: 15)], position: 15), moduleID: "m1")
        )
        progress.apply(ProgressEvent(at: Fixture.start, kind: .stepChecked(stepID: "s1"), moduleID: "m1"))
        let driver = Driver(progress: progress, moduleID: "m1")
        let text = driver.text
        #expect(text.contains("Module 1 · Eerste module"))
        #expect(text.contains("De eerste module: wat samen leren is en hoe je begint."))
        #expect(text.contains("1/2 video's · 1/2 stappen"), "s2 is optional: 2 steps are required")
        #expect(text.contains("▶ Waarom samen leren?"))
        #expect(text.contains("1:00 ✓ bekeken"))
        #expect(text.contains("0:30  50% gezien"))
        #expect(text.contains("☐ Aan de slag"))
        #expect(text.contains("1/3 stappen"))
    }

    @Test("Opening a module (academy play MODULE) records its start once; q goes to the catalog")
    func openFromCommandLine() {
        var driver = Driver()
        driver.send(.open(moduleID: "m2"))
        #expect(driver.module?.moduleID == "m2")
        #expect(driver.state.stack.count == 1)
        #expect(driver.recorded.map(\.kind) == [.moduleStarted])
        driver.send(.open(moduleID: "m2"))
        #expect(driver.recorded.count == 1)
        driver.press(.character("q"))
        #expect(driver.state.route == .catalog)
        driver.send(.open(moduleID: "nope"))
        #expect(driver.state.route == .catalog)
    }

    @Test("Keys move over videos and step plans; Enter opens a video with captions playing, or a step plan")
    func navigation() {
        var driver = Driver(moduleID: "m1")
        #expect(driver.module?.selection == 0)
        driver.press(.down, .down, .down)
        #expect(driver.module?.selection == 2)
        driver.press(.up, .character("k"))
        #expect(driver.module?.selection == 0)
        driver.press(.character("j"), .home)
        #expect(driver.module?.selection == 0)
        driver.press(.end)
        #expect(driver.module?.selection == 2)
        driver.press(.pageUp)
        #expect(driver.module?.selection == 0)
        driver.press(.pageDown, .character("g"))
        #expect(driver.module?.selection == 0)
        driver.press(.character("G"))
        #expect(driver.module?.selection == 2)

        driver.press(.home, .enter)
        #expect(driver.video?.videoID == "v1")
        #expect(driver.video?.playback.isPlaying == true)
        driver.press(.escape)
        driver.press(.end, .right)
        #expect(driver.stepPlan?.stepPlanID == "p1")
        driver.press(.left)
        driver.press(.character("l"))
        #expect(driver.stepPlan?.stepPlanID == "p1")
    }

    @Test("q, Esc, ←, h and Backspace go back; back on the catalog the progress is read again")
    func back() {
        for key in [Key.character("q"), .escape, .left, .character("h"), .backspace] {
            var driver = Driver(moduleID: "m1")
            driver.press(key)
            #expect(driver.state.route == .catalog, "\(key)")
            #expect(driver.effects == [.reloadProgress], "\(key)")
        }
    }

    @Test("o opens the selected video in the outside player from where the learner was")
    func openInPlayer() {
        var progress = LearnerProgress()
        progress.apply(
            ProgressEvent(at: Fixture.start, kind: .videoProgress(videoID: "v2", segments: [.init(from: 0, to: 7.5)], position: 7.5), moduleID: "m1")
        )
        var driver = Driver(progress: progress, moduleID: "m1")
        driver.press(.down, .character("o"))
        #expect(driver.effects == [.openVideo(VideoRequest(videoID: "v2", moduleID: "m1", start: 7.5))])
        #expect(driver.module != nil, "the module screen stays")
        driver.press(.end, .character("o"))
        #expect(driver.effects.count == 1, "o on a step plan opens nothing")
        #expect(driver.state.message?.text.contains("Kies eerst een video") == true)
    }

    @Test("A module whose required module is not complete says which to do first")
    func requirement() {
        let driver = Driver(size: TerminalSize(columns: 100, rows: 30), moduleID: "m2")
        #expect(driver.text.contains("Tip: doe eerst 1 Eerste module"))
    }

    @Test("? lists every key of the module screen")
    func help() {
        var driver = Driver(moduleID: "m1")
        driver.press(.character("?"))
        let text = driver.text
        #expect(text.contains("Toetsen: module"))
        for entry in HelpText.entries(for: driver.state.route) { #expect(text.contains(entry.keys)) }
    }
}
