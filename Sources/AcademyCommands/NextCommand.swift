public import AcademyContent
public import AcademyPlayer
public import AcademyProgress

/// `academy next`: the one next thing to do, with the command that opens it.
public struct NextCommand: Sendable {
    let context: CommandContext
    let isJSON: Bool

    /// Creates the command.
    public init(context: CommandContext, isJSON: Bool) {
        self.context = context
        self.isJSON = isJSON
    }

    /// Prints the next item of the learner's track.
    public func run(learnerID: String?) async throws {
        let service = try await context.openService()
        let learner = try await context.learner(learnerID, in: service)
        let next = try await service.next(for: learner)
        if isJSON {
            Output.standard(CommandContext.json(next))
        } else {
            Output.standard(Self.describe(next, library: service.library) + "\n")
        }
    }

    /// Prints the next item from a school's server (`options.server`): the token's learner, with
    /// the progress the server has and the events still waiting in the local queue (sent first).
    public static func run(remote options: PlayerOptions, isJSON: Bool) async throws {
        let context = try await options.open()
        for issue in context.issues { Output.error("academy: \(issue)\n") }
        let status = await context.backend.synchronize()
        let progress = try await context.backend.progress()
        let track = Completion.track(for: context.learner.role, in: context.library)
        let next = Completion.next(in: track, library: context.library, progress: progress)
        Output.standard(isJSON ? CommandContext.json(next) : describe(next, library: context.library) + "\n")
        Output.error(context.storeReport(status))
    }

    /// "Next: …" and the command that opens it.
    public static func describe(_ next: NextItem?, library: ContentLibrary) -> String {
        guard let next else { return "Next: nothing, the whole track is complete. Well done!" }
        let module = library.module(id: next.moduleID)
        let place = module.map { "module \($0.number) (\($0.title.text))" } ?? next.moduleID
        switch next.kind {
        case .video:
            let title = library.video(id: next.id)?.title.text ?? next.id
            let from = (next.resumeAt ?? 0) > 0 ? " from \(MediaDuration(seconds: next.resumeAt ?? 0).clock)" : ""
            return "Next: watch '\(title)'\(from), in \(place)\n  academy watch \(next.id)"
        case .step:
            let title = library.step(id: next.id)?.title.text ?? next.id
            return "Next: do the step '\(title)', in \(place)\n  academy play \(next.moduleID)   (then: academy check \(next.id))"
        case .module:
            return "Next: \(place)\n  academy play \(next.moduleID)"
        }
    }
}
