import AcademyContent
import AcademyProgress

/// `academy play [MODULE]`: the full-screen player, or, in plain mode (`--plain`, output not a
/// terminal, or `TERM=dumb`), the catalog or one module as readable lines.
public struct PlayCommand: Sendable {
    /// Where things are and who is learning.
    public var options: PlayerOptions
    /// The module to open, if any.
    public var moduleID: String?
    /// Whether plain lines were asked for.
    public var isPlain: Bool

    /// Creates the command.
    public init(options: PlayerOptions, moduleID: String?, isPlain: Bool) {
        self.options = options
        self.moduleID = moduleID
        self.isPlain = isPlain
    }

    /// Whether to print lines rather than run full screen: asked for, not a terminal, or `TERM=dumb`.
    public var usesPlainMode: Bool {
        isPlain || !StandardStreams.isTerminal(1) || !StandardStreams.isTerminal(0) || options.environment["TERM"] == "dumb"
    }

    /// Whether the full-screen player draws colours: not with `NO_COLOR` (unless `FORCE_COLOR`).
    public var usesColor: Bool {
        if let force = options.environment["FORCE_COLOR"], !force.isEmpty, force != "0" { return true }
        return (options.environment["NO_COLOR"] ?? "").isEmpty
    }

    /// Runs; returns the exit status. Throws ``PlayerUsageError`` for an unknown module or learner.
    public func run() async throws -> Int32 {
        let context = try await options.open()
        let module = try moduleID.map { id throws(PlayerUsageError) in try context.module(id) }
        let issues = context.issues.map { "\($0)" }
        if usesPlainMode {
            for issue in issues { StandardStreams.write("academy: \(issue)\n", to: 2) }
            // Events still queued for the server go first (a remote start is a moment to retry).
            let status = await context.backend.synchronize()
            let report = PlainReport(library: context.library, learner: context.learner, progress: try await context.backend.progress())
            let text = module.map(report.module) ?? report.catalog()
            StandardStreams.write(PlainReport.sanitized(text))
            StandardStreams.write(context.storeReport(status), to: 2)
            return 0
        }
        let session = PlayerSession(
            library: context.library,
            learner: context.learner,
            backend: context.backend,
            launcher: context.launcher,
            environment: options.environment,
            moduleID: module?.id,
            usesColor: usesColor,
            notice: issues.isEmpty ? nil : "Let op: " + issues.joined(separator: "; ")
        )
        return try await session.run()
    }
}
