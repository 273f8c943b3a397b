import AcademyXML
import Foundation

/// A diagnostic whose column is found later, from the text it points at.
///
/// Element lines come from libxml2; columns do not. A finding names what it is about (an attribute
/// and its value, or an element) and ``ColumnResolver`` finds it in the file's text, only for the
/// few files that have findings.
struct Finding: Sendable {
    enum Anchor: Sendable, Hashable {
        case attribute(String, value: String?)
        case element(String)
    }

    var diagnostic: Diagnostic
    var anchor: Anchor?

    init(_ diagnostic: Diagnostic, anchor: Anchor? = nil) {
        self.diagnostic = diagnostic
        self.anchor = anchor
    }

    init(
        _ severity: Diagnostic.Severity,
        _ code: String,
        _ message: String,
        file: String,
        line: Int?,
        anchor: Anchor? = nil
    ) {
        self.init(Diagnostic(severity, code: code, message, at: SourceLocation(file: file, line: line)), anchor: anchor)
    }
}

/// Fills in the columns of findings by reading each file that has any, once.
enum ColumnResolver {
    static func resolve(_ findings: [Finding]) -> [Diagnostic] {
        var linesByFile: [String: [Substring]] = [:]
        return findings.map { finding in
            var diagnostic = finding.diagnostic
            guard let anchor = finding.anchor, let line = diagnostic.location.line, diagnostic.location.column == nil else {
                return diagnostic
            }
            let file = diagnostic.location.file
            if linesByFile[file] == nil {
                let bytes = (try? FileContents.read(file).get()) ?? []
                linesByFile[file] = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            }
            let lines = linesByFile[file] ?? []
            // A start tag may spread its attributes over the next lines.
            for candidate in line..<min(line + 8, lines.count + 1) {
                if let column = column(of: anchor, in: lines[candidate - 1]) {
                    diagnostic.location.line = candidate
                    diagnostic.location.column = column
                    return diagnostic
                }
            }
            if line <= lines.count, let first = lines[line - 1].firstIndex(where: { !$0.isWhitespace }) {
                diagnostic.location.column = lines[line - 1].distance(from: lines[line - 1].startIndex, to: first) + 1
            }
            return diagnostic
        }
    }

    static func column(of anchor: Finding.Anchor, in line: Substring) -> Int? {
        let needles: [String]
        switch anchor {
        case let .attribute(name, value?): needles = ["\(name)=\"\(value)\"", "\(name)='\(value)'", "\(name)="]
        case let .attribute(name, nil): needles = ["\(name)="]
        case let .element(name): needles = ["<\(name)"]
        }
        for needle in needles {
            if let range = line.range(of: needle) {
                return line.distance(from: line.startIndex, to: range.lowerBound) + 1
            }
        }
        return nil
    }
}

/// Adds advice to libxml2's schema messages for the attributes authors most often get wrong.
enum SchemaHints {
    /// The schema diagnostic with advice, anchored at the attribute or element it names so that
    /// its column can be found.
    static func finding(_ diagnostic: Diagnostic) -> Finding {
        let message = diagnostic.message
        var anchor: Finding.Anchor?
        if let attribute = message.range(of: "attribute '") {
            let name = message[attribute.upperBound...].prefix { $0 != "'" }
            anchor = .attribute(String(name), value: nil)
        } else if message.hasPrefix("<"), let close = message.firstIndex(of: ">") {
            anchor = .element(String(message[message.index(after: message.startIndex)..<close]))
        }
        return Finding(annotate(diagnostic), anchor: anchor)
    }

    static func annotate(_ diagnostic: Diagnostic) -> Diagnostic {
        var diagnostic = diagnostic
        let message = diagnostic.message
        let hint: String?
        if message.contains("attribute 'duration'") || message.contains("attribute 'at'") {
            hint = "write a duration such as PT2M40S (2 minutes 40 seconds) or PT45S"
        } else if message.contains("attribute 'src'") {
            hint = "write a relative path without '..', a leading '/' or names that start with a dot, such as captions/intro.nl.vtt"
        } else if message.contains("[facet 'pattern']")
            && ["'id'", "'ref'", "'video'", "'module'"].contains(where: message.contains)
        {
            hint = "ids are lowercase letters and digits in words joined by single hyphens, such as bordsessie-waarom"
        } else if message.contains("This element is not expected") {
            hint = "check the spelling and order of the elements against Schemas/README.md"
        } else if message.contains("Missing child element") {
            hint = "add the missing element (see Schemas/README.md for the order)"
        } else if message.contains("attribute") && message.contains("is required but missing") {
            hint = "add the attribute"
        } else {
            hint = nil
        }
        if let hint { diagnostic.message = message + " Fix: " + hint + "." }
        return diagnostic
    }
}
