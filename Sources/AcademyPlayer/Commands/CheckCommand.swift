import AcademyContent
import AcademyProgress

/// `academy check STEP` (or `--uncheck`): checks a step off, saved at once, and says how far its
/// step plan and module are.
public struct CheckCommand: Sendable {
    /// Where things are and who is learning.
    public var options: PlayerOptions
    /// The step.
    public var stepID: String
    /// Whether to uncheck instead.
    public var isUnchecking: Bool

    /// Creates the command.
    public init(options: PlayerOptions, stepID: String, isUnchecking: Bool) {
        self.options = options
        self.stepID = stepID
        self.isUnchecking = isUnchecking
    }

    /// Runs; returns the exit status. Throws ``PlayerUsageError`` for an unknown step.
    public func run() async throws -> Int32 {
        let context = try await options.open()
        let step = try context.step(stepID)
        for issue in context.issues { StandardStreams.write("academy: \(issue)\n", to: 2) }
        guard let module = context.library.module(containing: step.id), let address = context.library.address(ofStep: step.id) else { return 1 }
        let plan = module.stepPlans[address.stepPlan]
        let kind: ProgressEvent.Kind = isUnchecking ? .stepUnchecked(stepID: step.id) : .stepChecked(stepID: step.id)
        let (refused, status) = try await context.store([ProgressEvent(kind: kind, moduleID: module.id)])
        if let error = refused.first {
            StandardStreams.write("academy: not recorded: \(error)\n" + context.storeReport(status), to: 2)
            return 1
        }
        let completion = Completion.module(module, progress: try await context.backend.progress())
        let planDone = completion.stepPlans[address.stepPlan]
        let title = step.title.text(preferring: ["nl"])
        let saved = status.waiting > 0 ? "bewaard, wacht op de server" : "opgeslagen"
        var lines = ["[\(isUnchecking ? " " : "x")] \(title) (\(step.id)): \(isUnchecking ? "niet meer afgevinkt" : "afgevinkt"), \(saved)"]
        lines.append(
            "Stappenplan \(plan.title.text(preferring: ["nl"])): \(planDone.checkedSteps.count)/\(plan.steps.count) stappen\(planDone.isComplete ? ", klaar" : "")"
        )
        lines.append(
            "Module \(module.number) \(module.title.text(preferring: ["nl"])): \(PlainReport.bar(completion.fraction))\(completion.isComplete ? ", klaar" : "")"
        )
        StandardStreams.write(PlainReport.sanitized(lines.joined(separator: "\n") + "\n"))
        StandardStreams.write(context.storeReport(status), to: 2)
        return 0
    }
}
