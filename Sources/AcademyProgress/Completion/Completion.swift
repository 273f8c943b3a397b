public import AcademyContent

/// The one definition of "done", used by every view: the terminal player, the API, the coach's
/// team view. Pure functions of the content's rules and a learner's progress.
public enum Completion {
    /// How far a learner is in one video.
    public static func video(_ video: Video, threshold: Double, progress: LearnerProgress) -> VideoCompletion {
        let state = progress.videos[video.id]
        let duration = video.duration.seconds
        let covered = state?.played.covered(upTo: duration) ?? 0
        let fraction = duration > 0 ? min(1, covered / duration) : 0
        return VideoCompletion(
            videoID: video.id,
            duration: duration,
            watchedSeconds: covered,
            fraction: fraction,
            isComplete: duration > 0 && covered >= threshold * duration - 0.0005,
            position: state?.position ?? 0
        )
    }

    /// How far a learner is in a module, by the module's completion rule.
    public static func module(_ module: Module, progress: LearnerProgress) -> ModuleCompletion {
        let rule = module.completion
        let videos = module.videos.map { video(_: $0, threshold: rule.videoThreshold, progress: progress) }
        let isChecked = { (id: String) in progress.steps[id]?.isChecked == true }
        var requiredSteps = 0
        var stepsDone = 0
        let plans = module.stepPlans.map { plan in
            var checked: [String] = []
            var required = 0
            var requiredDone = 0
            for step in plan.steps {
                let done = isChecked(step.id)
                if done { checked.append(step.id) }
                if !step.isOptional {
                    required += 1
                    if done { requiredDone += 1 }
                }
            }
            if rule.steps == .all {
                requiredSteps += required
                stepsDone += requiredDone
            }
            return StepPlanCompletion(stepPlanID: plan.id, checkedSteps: checked, requiredSteps: required, isComplete: requiredDone == required)
        }
        let videosDone = videos.count(where: \.isComplete)
        let requiredVideos: Int
        switch rule.videos {
        case .all: requiredVideos = videos.count
        case .none: requiredVideos = 0
        case let .atLeast(count): requiredVideos = min(count, videos.count)
        }
        let isComplete = videosDone >= requiredVideos && stepsDone == requiredSteps

        // The bar: each required video counts by how much of its threshold is watched, each
        // required step as 0 or 1.
        let videoCredit: Double
        if requiredVideos == 0 {
            videoCredit = 0
        } else {
            let credits = videos.map { min(1, $0.fraction / max(rule.videoThreshold, 0.0001)) }.sorted(by: >)
            videoCredit = credits.prefix(requiredVideos).reduce(0, +)
        }
        let units = Double(requiredVideos + requiredSteps)
        let fraction = units == 0 ? (progress.hasStarted(module: module.id) ? 1 : 0) : (videoCredit + Double(stepsDone)) / units
        let isStarted = progress.hasStarted(module: module.id) || videos.contains { $0.watchedSeconds > 0 }
        return ModuleCompletion(
            moduleID: module.id,
            videos: videos,
            stepPlans: plans,
            videosComplete: videosDone,
            videosRequired: requiredVideos,
            stepsChecked: stepsDone,
            stepsRequired: requiredSteps,
            fraction: isComplete ? 1 : min(fraction, 0.999),
            isStarted: isStarted || isComplete,
            isComplete: isComplete
        )
    }

    /// A module's status for a learner: the same rule as ``module(_:progress:)``, with a shortcut
    /// for modules the learner never touched (the common case in a team view).
    public static func status(of module: Module, progress: LearnerProgress) -> ModuleStatus {
        let rule = module.completion
        let needsNothing = (rule.videos == .none || module.videos.isEmpty) && (rule.steps == .none || module.steps.allSatisfy(\.isOptional))
        if !progress.hasStarted(module: module.id), !needsNothing { return .notStarted }
        let completion = self.module(module, progress: progress)
        return completion.isComplete ? .complete : (completion.isStarted ? .started : .notStarted)
    }

    /// How far a learner is in a track: its modules, in order.
    public static func track(_ track: Track, library: ContentLibrary, progress: LearnerProgress) -> TrackCompletion {
        let modules = library.modules(in: track).map { module(_: $0, progress: progress) }
        return TrackCompletion(
            trackID: track.id,
            modules: modules,
            modulesComplete: modules.count(where: \.isComplete),
            isComplete: !modules.isEmpty && modules.allSatisfy(\.isComplete)
        )
    }

    /// The track a learner follows: the one for their role, else the first.
    public static func track(for role: Role, in library: ContentLibrary) -> Track? {
        library.academy.tracks.first { $0.role == role } ?? library.academy.tracks.first
    }

    /// The one next thing to do: in the learner's track, the first module that is not complete, and
    /// in it the first video not watched (from where they stopped), else the first step not checked.
    /// `nil` when the whole track is complete.
    public static func next(in track: Track?, library: ContentLibrary, progress: LearnerProgress) -> NextItem? {
        let modules = track.map { library.modules(in: $0) } ?? library.modules
        for module in modules {
            let completion = self.module(module, progress: progress)
            guard !completion.isComplete else { continue }
            if completion.videosComplete < completion.videosRequired,
                let video = zip(module.videos, completion.videos).first(where: { !$0.1.isComplete })
            {
                let resume = video.1.position < video.1.duration - 1 ? video.1.position : 0
                return NextItem(kind: .video, id: video.0.id, moduleID: module.id, resumeAt: resume)
            }
            if module.completion.steps == .all,
                let step = module.stepPlans.flatMap(\.requiredSteps).first(where: { progress.steps[$0.id]?.isChecked != true })
            {
                return NextItem(kind: .step, id: step.id, moduleID: module.id, resumeAt: nil)
            }
            return NextItem(kind: .module, id: module.id, moduleID: module.id, resumeAt: nil)
        }
        return nil
    }

    /// A team's progress for its coach: per module how many started and completed, per learner the
    /// status of every module, all by the same rules as each learner's own view.
    public static func team(
        _ name: String,
        learners: [(learner: Learner, progress: LearnerProgress)],
        library: ContentLibrary
    ) -> TeamProgress {
        var started = [String: Int]()
        var completed = [String: Int]()
        var summaries: [TeamProgress.LearnerSummary] = []
        for (learner, progress) in learners.sorted(by: { $0.learner.id < $1.learner.id }) {
            var statuses: [String: ModuleStatus] = [:]
            var done = 0
            for module in library.modules {
                let status = self.status(of: module, progress: progress)
                statuses[module.id] = status
                if status != .notStarted { started[module.id, default: 0] += 1 }
                if status == .complete {
                    completed[module.id, default: 0] += 1
                    done += 1
                }
            }
            summaries.append(
                TeamProgress.LearnerSummary(
                    learnerID: learner.id,
                    displayName: learner.displayName,
                    role: learner.role,
                    modules: statuses,
                    modulesComplete: done,
                    lastActive: progress.lastPlace?.at
                )
            )
        }
        return TeamProgress(
            team: name,
            learnerCount: summaries.count,
            modules: library.modules.map {
                TeamProgress.ModuleSummary(moduleID: $0.id, started: started[$0.id] ?? 0, completed: completed[$0.id] ?? 0)
            },
            learners: summaries
        )
    }
}
