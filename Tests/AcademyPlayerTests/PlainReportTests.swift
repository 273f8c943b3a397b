import AcademyContent
import AcademyProgress
import Foundation
import Testing

@testable import AcademyPlayer

@Suite("Plain mode")
struct PlainReportTests {
    var progress: LearnerProgress {
        var progress = LearnerProgress()
        progress.apply(
            ProgressEvent(at: Fixture.start, kind: .videoProgress(videoID: "v1", segments: [.init(from: 0, to: 30)], position: 30), moduleID: "m1")
        )
        progress.apply(ProgressEvent(at: Fixture.start, kind: .stepChecked(stepID: "s1"), moduleID: "m1"))
        progress.apply(ProgressEvent(at: Fixture.start, kind: .noteSaved(stepID: "s1", text: "Dinsdag\n8:15"), moduleID: "m1"))
        return progress
    }

    var report: PlainReport { PlainReport(library: Fixture.library, learner: Fixture.learner, progress: progress) }

    @Test("The catalog: totals, where to continue (with the command), each module with id and bar")
    func catalog() {
        let text = report.catalog()
        #expect(text.hasPrefix("Testacademie · Anna (leraar)\n"))
        #expect(text.contains("0/2 modules klaar · 0/3 video's · 1/2 stappen"))
        #expect(text.contains("Verder waar je was: 1 Eerste module › Kies een vast moment — academy check s1"))
        #expect(
            text.contains("1  m1  [###-------]  38%  Eerste module"),
            "the shared completion: half of v1 over its 0.9 threshold, and 1 of 2 required steps"
        )
        #expect(text.contains("2  m2  [----------]   0%  Tweede module over de bordsessie"))
        #expect(!text.contains("\u{1B}"), "no escape codes")
    }

    @Test("A module: videos with id, duration and watched; steps with check boxes and notes")
    func module() {
        let text = report.module(Fixture.library.modules[0])
        #expect(text.hasPrefix("Module 1: Eerste module (m1)\n"))
        #expect(text.contains("  [ ] v1   1:00  Waarom samen leren? (50% gezien, verder vanaf 0:30)"))
        #expect(text.contains("  [ ] v2   0:30  Een tweede video (nog niet gezien)"))
        #expect(text.contains("Stappenplan: Aan de slag (p1): 1/3 stappen"))
        #expect(text.contains("  [x] s1  Kies een vast moment (schoolleider, 20 min)"))
        #expect(text.contains("      notitie: Dinsdag 8:15"))
        #expect(text.contains("  [ ] s2  Lees vooraf (leraar, 5 min, optioneel)"))
        #expect(!text.contains("\u{1B}"))
    }

    @Test("A transcript: chapters as headings, each caption with its time")
    func transcript() {
        let text = report.transcript(of: Fixture.library.video(id: "v1")!)
        #expect(
            text == """
                Waarom samen leren? (v1, 1:00)

                ## Begin
                 0:01  Hallo allemaal.
                 0:04  Dit is de tweede zin, over twee regels.
                 0:20  Het derde stuk.

                ## Einde
                 0:31  Na het hoofdstuk.

                """
        )
    }

    @Test("Control characters in content never reach the output")
    func sanitized() {
        #expect(PlainReport.sanitized("a\u{1B}[2Jb\nc\u{07}") == "a [2Jb\nc ")
    }
}
