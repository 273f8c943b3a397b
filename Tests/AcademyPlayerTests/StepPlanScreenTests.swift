import AcademyContent
import AcademyProgress
import Foundation
import Testing

@testable import AcademyPlayer

@Suite("The step plan screen")
struct StepPlanScreenTests {
    /// On the step plan of module m1.
    func onStepPlan(progress: LearnerProgress = LearnerProgress()) -> Driver {
        var driver = Driver(progress: progress, moduleID: "m1")
        driver.press(.end, .enter)
        _ = driver.takeEffects()
        return driver
    }

    @Test("Shows check boxes, steps done and the selected step in full")
    func content() {
        let driver = onStepPlan()
        let text = driver.text
        #expect(text.contains("[ ] 1. Kies een vast moment"))
        #expect(text.contains("[ ] 2. Lees vooraf"))
        #expect(text.contains("optioneel"))
        #expect(text.contains("0/3 stappen gedaan · 40 min · 2 verplicht"))
        #expect(text.contains("Spreek een moment af."))
        #expect(text.contains("• Het rooster"))
        #expect(text.contains("▶ Video: Waarom samen leren? vanaf 0:20 (Enter)"))
        #expect(text.contains("✎ Nog geen notitie (n)"))
    }

    @Test("Space toggles the selected step and records it at once; x does the same")
    func toggle() {
        var driver = onStepPlan()
        driver.press(.space)
        #expect(driver.recorded.map(\.kind) == [.stepChecked(stepID: "s1")])
        #expect(driver.recorded.first?.moduleID == "m1")
        #expect(driver.state.progress.checkedSteps == ["s1"])
        #expect(driver.text.contains("[x] 1. Kies een vast moment"))
        #expect(driver.text.contains("1/3 stappen gedaan"))
        #expect(driver.state.completion(ofModule: "m1")?.stepsChecked == 1)
        driver.press(.space)
        #expect(driver.recorded.map(\.kind) == [.stepChecked(stepID: "s1"), .stepUnchecked(stepID: "s1")])
        #expect(driver.state.progress.checkedSteps.isEmpty)
        driver.press(.down, .down, .character("x"))
        #expect(driver.recorded.last?.kind == .stepChecked(stepID: "s3"))
        driver.press(.home, .space)
        #expect(driver.state.completion(ofModule: "m1")?.stepPlans.first?.isComplete == true, "the optional step is not needed")
        #expect(driver.text.contains("✓ klaar"))
    }

    @Test("Movement keys select steps, within bounds")
    func movement() {
        var driver = onStepPlan()
        driver.press(.down, .down, .down)
        #expect(driver.stepPlan?.selection == 2)
        driver.press(.up, .character("k"), .up)
        #expect(driver.stepPlan?.selection == 0)
        driver.press(.character("j"), .end)
        #expect(driver.stepPlan?.selection == 2)
        driver.press(.home)
        #expect(driver.stepPlan?.selection == 0)
        driver.press(.character("G"), .character("g"))
        #expect(driver.stepPlan?.selection == 0)
        driver.press(.pageDown)
        #expect(driver.stepPlan?.selection == 2)
        driver.press(.pageUp)
        #expect(driver.stepPlan?.selection == 0)
        #expect(driver.text.contains("stap 1 van 3"))
    }

    @Test("n asks the backend to edit the note in $EDITOR, with the current note")
    func note() {
        var progress = LearnerProgress()
        progress.apply(ProgressEvent(at: Fixture.start, kind: .noteSaved(stepID: "s1", text: "Maandag 8:15"), moduleID: "m1"))
        var driver = onStepPlan(progress: progress)
        #expect(driver.text.contains("✎ Notitie: Maandag 8:15"))
        driver.press(.character("n"))
        #expect(driver.effects == [.editNote(NoteRequest(stepID: "s1", moduleID: "m1", text: "Maandag 8:15"))])
    }

    @Test("Enter opens the step's video moment; a digit opens that moment; a step without one says so")
    func moments() {
        var driver = onStepPlan()
        driver.press(.enter)
        #expect(driver.video?.videoID == "v1")
        #expect(driver.video?.playback.position == 20)
        driver.press(.character("q"))
        #expect(driver.stepPlan != nil)
        driver.press(.end, .character("2"))
        #expect(driver.video?.videoID == "v2")
        #expect(driver.video?.playback.position == 0)
        driver.press(.escape)
        driver.press(.character("3"))
        #expect(driver.stepPlan != nil)
        #expect(driver.state.message?.text == "Deze stap heeft 2 video('s)")
        driver.press(.up, .right)
        #expect(driver.stepPlan != nil)
        #expect(driver.state.message?.text == "Bij deze stap hoort geen video")
        driver.press(.home, .character("l"))
        #expect(driver.video?.videoID == "v1")
    }

    @Test("q, Esc, ←, h and Backspace go back to the module")
    func back() {
        for key in [Key.character("q"), .escape, .left, .character("h"), .backspace] {
            var driver = onStepPlan()
            driver.press(key)
            #expect(driver.module?.moduleID == "m1", "\(key)")
        }
    }

    @Test("? lists every key of the step plan screen")
    func help() {
        var driver = onStepPlan()
        driver.press(.character("?"))
        let text = driver.text
        #expect(text.contains("Toetsen: stappenplan"))
        for entry in HelpText.entries(for: driver.state.route) { #expect(text.contains(entry.keys)) }
    }
}
