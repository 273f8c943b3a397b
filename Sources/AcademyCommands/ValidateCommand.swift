import AcademyContent

/// `academy validate`: checks content trees or single manifests and prints the diagnostics.
public struct ValidateCommand: Sendable {
    /// The trees or files to check.
    public var paths: [String]
    /// The output format.
    public var format: DiagnosticRenderer.Format
    /// Whether warnings fail the run.
    public var isStrict: Bool
    /// The media directory to check media files in, if any.
    public var mediaDirectory: String?
    /// Where the report goes: standard output.
    public var write: @Sendable (String) -> Void

    /// Creates the command.
    public init(
        paths: [String],
        format: DiagnosticRenderer.Format,
        isStrict: Bool,
        mediaDirectory: String?,
        write: @escaping @Sendable (String) -> Void = Output.standard
    ) {
        self.paths = paths
        self.format = format
        self.isStrict = isStrict
        self.mediaDirectory = mediaDirectory
        self.write = write
    }

    /// Validates, prints, and returns the exit status: 0 when the content passes, 1 when not.
    public func run() async -> Int32 {
        let bar = ProgressBar(label: "modules")
        let options = ContentLoadOptions(mediaDirectory: mediaDirectory, keepsCaptionText: false) { done, total in
            bar.update(done: done, total: total)
        }
        var report = ValidationReport(diagnostics: [], moduleCount: 0, videoCount: 0, stepPlanCount: 0)
        for path in paths {
            report.merge(await ContentValidator.validate(path: path, options: options))
        }
        bar.finish()
        let renderer = DiagnosticRenderer(format: format, style: format == .text ? .forDescriptor(1) : TerminalStyle(isEnabled: false))
        write(renderer.render(report, strict: isStrict))
        let passed = report.passes(strict: isStrict)
        // The process exits next: freeing thousands of modules one by one would only delay that, so
        // the report is deliberately kept (as compilers skip freeing before they exit).
        _ = Unmanaged.passRetained(ReportBox(report))
        return passed ? 0 : 1
    }
}

private final class ReportBox {
    let report: ValidationReport

    init(_ report: ValidationReport) {
        self.report = report
    }
}
