public import AcademyXML

/// The outcome of validating content: every diagnostic, the counts for the summary line, and the
/// library when the content could be loaded.
public struct ValidationReport: Sendable {
    /// The diagnostics, ordered by file, line and column.
    public var diagnostics: [Diagnostic]
    /// The number of modules read.
    public var moduleCount: Int
    /// The number of videos in them.
    public var videoCount: Int
    /// The number of step plans in them.
    public var stepPlanCount: Int
    /// The content as a library, when a catalog was read; `nil` for a single file or no catalog.
    public var library: ContentLibrary?
    /// What was read, kept with the report so that it is freed with the report, not before.
    var readContent: [any Sendable] = []

    /// Creates a report.
    public init(diagnostics: [Diagnostic], moduleCount: Int, videoCount: Int, stepPlanCount: Int, library: ContentLibrary? = nil) {
        self.diagnostics = diagnostics
        self.moduleCount = moduleCount
        self.videoCount = videoCount
        self.stepPlanCount = stepPlanCount
        self.library = library
    }

    /// The number of errors.
    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    /// The number of warnings.
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// Whether the content passes: no errors, and with `strict` no warnings either.
    public func passes(strict: Bool) -> Bool {
        errorCount == 0 && (!strict || warningCount == 0)
    }

    /// `20 modules, 100 videos, 24 step plans: 0 errors, 2 warnings`.
    public var summary: String {
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        return "\(count(moduleCount, "module")), \(count(videoCount, "video")), \(count(stepPlanCount, "step plan")): "
            + "\(count(errorCount, "error")), \(count(warningCount, "warning"))"
    }

    /// Adds another report's diagnostics and counts to this one.
    public mutating func merge(_ other: ValidationReport) {
        diagnostics += other.diagnostics
        moduleCount += other.moduleCount
        videoCount += other.videoCount
        stepPlanCount += other.stepPlanCount
        if library == nil { library = other.library }
        readContent += other.readContent
    }
}
