public import AcademyContent
import AcademyXML
import Foundation

/// Prints validation results the way authors and their tools want them: like a compiler (with the
/// source line and a caret), as JSON, or as GitHub Actions annotations.
public struct DiagnosticRenderer {
    /// The output formats of `academy validate`.
    public enum Format: String, Sendable, CaseIterable {
        /// `path:line:col: error[CODE]: message`, the source line and a caret.
        case text
        /// One JSON document: every diagnostic and a summary.
        case json
        /// `::error file=…,line=…::…` annotations.
        case github
    }

    /// The format.
    public var format: Format
    /// How to style text output.
    public var style: TerminalStyle

    /// Creates a renderer.
    public init(format: Format, style: TerminalStyle) {
        self.format = format
        self.style = style
    }

    /// The whole report as text in this format.
    public func render(_ report: ValidationReport, strict: Bool) -> String {
        switch format {
        case .text: renderText(report, strict: strict)
        case .json: renderJSON(report, strict: strict)
        case .github: renderGitHub(report, strict: strict)
        }
    }

    // MARK: - Text

    private func renderText(_ report: ValidationReport, strict: Bool) -> String {
        var output = ""
        var sources = SourceLines()
        for diagnostic in report.diagnostics {
            let severity: String
            switch diagnostic.severity {
            case .error: severity = style.red("error[\(diagnostic.code)]")
            case .warning: severity = strict ? style.red("warning[\(diagnostic.code)]") : style.yellow("warning[\(diagnostic.code)]")
            case .note: severity = style.cyan("note[\(diagnostic.code)]")
            }
            output += "\(style.bold(diagnostic.location.description)): \(severity): \(style.bold(diagnostic.message))\n"
            if let line = diagnostic.location.line, let text = sources.line(line, of: diagnostic.location.file) {
                let number = String(line)
                let gutter = String(repeating: " ", count: number.count)
                let shown = text.replacingOccurrences(of: "\t", with: "    ")
                output += " \(style.dim(number + " |")) \(shown)\n"
                if let column = diagnostic.location.column {
                    let prefix = text.prefix(max(0, column - 1)).replacingOccurrences(of: "\t", with: "    ")
                    let pad = String(repeating: " ", count: prefix.count)
                    output += " \(style.dim(gutter + " |")) \(pad)\(style.green("^"))\n"
                }
            }
        }
        let passed = report.passes(strict: strict)
        let summary = report.summary + (strict && report.warningCount > 0 ? " (--strict: warnings fail)" : "")
        output += passed ? style.bold(summary) + "\n" : style.red(summary) + "\n"
        return output
    }

    // MARK: - JSON

    private struct JSONReport: Encodable {
        struct Item: Encodable {
            var file: String
            var line: Int?
            var column: Int?
            var severity: String
            var code: String
            var message: String

            // Unknown lines and columns are written as null, so every object has the same keys.
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(file, forKey: .file)
                try container.encode(line, forKey: .line)
                try container.encode(column, forKey: .column)
                try container.encode(severity, forKey: .severity)
                try container.encode(code, forKey: .code)
                try container.encode(message, forKey: .message)
            }

            enum CodingKeys: String, CodingKey {
                case file, line, column, severity, code, message
            }
        }

        struct Summary: Encodable {
            var modules: Int
            var videos: Int
            var stepPlans: Int
            var errors: Int
            var warnings: Int
            var strict: Bool
            var passed: Bool
        }

        var diagnostics: [Item]
        var summary: Summary
    }

    private func renderJSON(_ report: ValidationReport, strict: Bool) -> String {
        let document = JSONReport(
            diagnostics: report.diagnostics.map {
                .init(
                    file: $0.location.file,
                    line: $0.location.line,
                    column: $0.location.column,
                    severity: $0.severity.rawValue,
                    code: $0.code,
                    message: $0.message
                )
            },
            summary: .init(
                modules: report.moduleCount,
                videos: report.videoCount,
                stepPlans: report.stepPlanCount,
                errors: report.errorCount,
                warnings: report.warningCount,
                strict: strict,
                passed: report.passes(strict: strict)
            )
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(document)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: - GitHub

    private func renderGitHub(_ report: ValidationReport, strict: Bool) -> String {
        var output = ""
        for diagnostic in report.diagnostics {
            let command = diagnostic.severity == .error || strict ? "error" : (diagnostic.severity == .warning ? "warning" : "notice")
            var properties = ["file=\(escapeProperty(diagnostic.location.file))"]
            if let line = diagnostic.location.line { properties.append("line=\(line)") }
            if let column = diagnostic.location.column { properties.append("col=\(column)") }
            properties.append("title=\(escapeProperty(diagnostic.code))")
            output += "::\(command) \(properties.joined(separator: ","))::\(escapeData(diagnostic.message))\n"
        }
        output += report.summary + "\n"
        return output
    }

    private func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    private func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

/// Reads source lines for display, each file once.
struct SourceLines {
    private var files: [String: [Substring]] = [:]

    mutating func line(_ number: Int, of path: String) -> String? {
        if files[path] == nil {
            guard case let .success(bytes) = FileContents.read(path) else {
                files[path] = []
                return nil
            }
            let text = String(decoding: bytes, as: UTF8.self)
            files[path] = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        }
        guard let lines = files[path], number >= 1, number <= lines.count else { return nil }
        let line = lines[number - 1]
        // Long lines (a minified file) are cut so the caret stays readable.
        return line.count > 200 ? String(line.prefix(200)) + "…" : String(line)
    }
}
