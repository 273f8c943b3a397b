import AcademyContent
import AcademyProgress
import Foundation
import Testing

@Suite("Completion: the one definition of done")
struct CompletionTests {
    static func module(threshold: Double = 0.9, videos: CompletionRule.VideoRequirement = .all) -> Module {
        let video = { (id: String, seconds: Int) in
            Video(id: id, moduleID: "m", duration: MediaDuration(milliseconds: seconds * 1000), title: LocalizedText(id), summary: LocalizedText(""))
        }
        let step = { (id: String, optional: Bool) in
            Step(id: id, title: LocalizedText(id), body: LocalizedText(""), role: .leraar, minutes: 5, isOptional: optional)
        }
        return Module(
            id: "m", number: 1, folder: "01-m", title: LocalizedText("M"), summary: LocalizedText(""),
            videos: [video("v1", 100), video("v2", 200)],
            stepPlans: [StepPlan(id: "p", title: LocalizedText("P"), steps: [step("s1", false), step("s2", false), step("s3", true)])],
            completion: CompletionRule(videoThreshold: threshold, videos: videos, steps: .all)
        )
    }

    static func progress(_ events: [ProgressEvent.Kind]) -> LearnerProgress {
        var progress = LearnerProgress()
        for (index, kind) in events.enumerated() {
            progress.apply(ProgressEvent(at: Date(timeIntervalSince1970: Double(index)), kind: kind, moduleID: "m"))
        }
        return progress
    }

    static func played(_ video: String, _ segments: [(Double, Double)], position: Double? = nil) -> ProgressEvent.Kind {
        .videoProgress(videoID: video, segments: segments.map { .init(from: $0.0, to: $0.1) }, position: position ?? segments.last?.1 ?? 0)
    }

    @Test("Jumping to the end completes nothing; the union of played segments must cover the threshold")
    func videoCoverage() {
        let module = Self.module()
        let jumped = Completion.module(module, progress: Self.progress([Self.played("v1", [(0, 5), (95, 100)])]))
        #expect(jumped.videos[0].isComplete == false)
        #expect(jumped.videos[0].watchedSeconds == 10)
        let overlapping = Completion.module(module, progress: Self.progress([Self.played("v1", [(0, 60)]), Self.played("v1", [(30, 89)])]))
        #expect(overlapping.videos[0].watchedSeconds == 89)
        #expect(overlapping.videos[0].isComplete == false, "89 of 100 is under 90%")
        let enough = Completion.module(module, progress: Self.progress([Self.played("v1", [(0, 60)]), Self.played("v1", [(50, 90)])]))
        #expect(enough.videos[0].isComplete)
        #expect(enough.videos[0].fraction == 0.9)
    }

    @Test("A module is complete when its rule holds: videos and every required (not optional) step")
    func moduleRule() {
        let module = Self.module()
        var events = [Self.played("v1", [(0, 100)]), Self.played("v2", [(0, 200)]), .stepChecked(stepID: "s1")]
        #expect(Completion.module(module, progress: Self.progress(events)).isComplete == false)
        events.append(.stepChecked(stepID: "s2"))
        let done = Completion.module(module, progress: Self.progress(events))
        #expect(done.isComplete, "s3 is optional")
        #expect(done.fraction == 1)
        #expect(done.stepPlans[0].isComplete)
        events.append(.stepUnchecked(stepID: "s2"))
        #expect(Completion.module(module, progress: Self.progress(events)).isComplete == false)
        let anyOne = Self.module(videos: .atLeast(1))
        #expect(Completion.module(anyOne, progress: Self.progress([Self.played("v2", [(0, 190)]), .stepChecked(stepID: "s1"), .stepChecked(stepID: "s2")])).isComplete)
    }

    @Test("The latest check wins by event time, whatever order events arrive in")
    func lastWriterWins() {
        var progress = LearnerProgress()
        progress.apply(ProgressEvent(at: Date(timeIntervalSince1970: 20), kind: .stepUnchecked(stepID: "s1"), moduleID: "m"))
        progress.apply(ProgressEvent(at: Date(timeIntervalSince1970: 10), kind: .stepChecked(stepID: "s1"), moduleID: "m"))
        #expect(progress.steps["s1"]?.isChecked == false)
        progress.apply(ProgressEvent(at: Date(timeIntervalSince1970: 5), kind: Self.played("v1", [(0, 50)], position: 50), moduleID: "m"))
        progress.apply(ProgressEvent(at: Date(timeIntervalSince1970: 2), kind: Self.played("v1", [(50, 60)], position: 60), moduleID: "m"))
        #expect(progress.videos["v1"]?.position == 50, "the resume position is the latest by time")
        #expect(progress.videos["v1"]?.played.covered == 60, "but every segment counts")
    }

    @Test("A reset clears the module; events from before the reset that arrive later stay cleared")
    func reset() {
        var progress = Self.progress([Self.played("v1", [(0, 100)]), .stepChecked(stepID: "s1")])
        progress.apply(ProgressEvent(at: Date(timeIntervalSince1970: 50), kind: .progressReset, moduleID: "m"))
        #expect(progress.videos.isEmpty && progress.steps.isEmpty)
        progress.apply(ProgressEvent(at: Date(timeIntervalSince1970: 40), kind: .stepChecked(stepID: "s2"), moduleID: "m"))
        #expect(progress.steps.isEmpty)
        progress.apply(ProgressEvent(at: Date(timeIntervalSince1970: 60), kind: .stepChecked(stepID: "s2"), moduleID: "m"))
        #expect(progress.steps["s2"]?.isChecked == true)
    }

    @Test("What next: the first unfinished video (from its resume position), then the first unchecked step; nil when all done")
    func next() async throws {
        let library = try await Support.library()
        let track = try #require(library.track(id: "leraar"))
        let first = try #require(library.modules(in: track).first)
        var progress = LearnerProgress()
        #expect(Completion.next(in: track, library: library, progress: progress) == NextItem(kind: .video, id: first.videos[0].id, moduleID: first.id, resumeAt: 0))
        progress.apply(ProgressEvent(kind: .videoProgress(videoID: first.videos[0].id, segments: [.init(from: 0, to: 40)], position: 40), moduleID: first.id))
        #expect(Completion.next(in: track, library: library, progress: progress)?.resumeAt == 40)
        for video in first.videos {
            progress.apply(ProgressEvent(kind: .videoProgress(videoID: video.id, segments: [.init(from: 0, to: video.duration.seconds)], position: 0), moduleID: first.id))
        }
        let step = try #require(first.stepPlans.first?.steps.first)
        #expect(Completion.next(in: track, library: library, progress: progress) == NextItem(kind: .step, id: step.id, moduleID: first.id, resumeAt: nil))
        for module in library.modules(in: track) {
            for video in module.videos {
                progress.apply(ProgressEvent(kind: .videoProgress(videoID: video.id, segments: [.init(from: 0, to: video.duration.seconds)], position: 0), moduleID: module.id))
            }
            for step in module.steps { progress.apply(ProgressEvent(kind: .stepChecked(stepID: step.id), moduleID: module.id)) }
        }
        #expect(Completion.next(in: track, library: library, progress: progress) == nil)
        #expect(Completion.track(track, library: library, progress: progress).isComplete)
    }

    @Test("Team aggregates use the same rules as each learner's view")
    func team() async throws {
        let library = try await Support.library()
        let module = library.modules[0]
        var done = LearnerProgress()
        for video in module.videos {
            done.apply(ProgressEvent(kind: .videoProgress(videoID: video.id, segments: [.init(from: 0, to: video.duration.seconds)], position: 0), moduleID: module.id))
        }
        for step in module.steps { done.apply(ProgressEvent(kind: .stepChecked(stepID: step.id), moduleID: module.id)) }
        var started = LearnerProgress()
        started.apply(ProgressEvent(kind: .moduleStarted, moduleID: module.id))
        let team = Completion.team("onderbouw", learners: [(Support.learner("anna"), done), (Support.learner("bert"), started), (Support.learner("cor"), LearnerProgress())], library: library)
        #expect(team.modules[0] == TeamProgress.ModuleSummary(moduleID: module.id, started: 2, completed: 1))
        #expect(team.learners.map { $0.modules[module.id] } == [.complete, .started, .notStarted])
        #expect(Completion.module(module, progress: done).isComplete == (team.learners[0].modules[module.id] == .complete))
    }
}
