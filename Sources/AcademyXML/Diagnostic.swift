/// A problem found in a file, reported the way a compiler reports one: where, how bad, a stable code
/// and a message that says how to fix it.
///
/// For example:
///
/// ```swift
/// Diagnostic(.error, code: "C003", "see refers to unknown video 'bordsessie-wat'",
///            at: SourceLocation(file: "Modules/05-bordsessie/module.xml", line: 42, column: 7))
/// ```
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How bad a problem is.
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case note
        case warning
        case error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// How bad the problem is.
    public var severity: Severity
    /// A stable code, such as `X001` or `C003`, that `Schemas/README.md` documents.
    public var code: String
    /// What is wrong and how to fix it.
    public var message: String
    /// Where the problem is.
    public var location: SourceLocation

    /// Creates a diagnostic.
    public init(_ severity: Severity, code: String, _ message: String, at location: SourceLocation) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
    }

    /// `path:line:column: severity[CODE]: message`, as compilers print it.
    public var description: String {
        "\(location): \(severity.rawValue)[\(code)]: \(message)"
    }
}

/// A place in a file: a path and, when known, a line and a column (both from 1).
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file's path as the user gave it (relative paths stay relative).
    public var file: String
    /// The line, from 1, when known.
    public var line: Int?
    /// The column, from 1, when known.
    public var column: Int?

    /// Creates a location.
    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `path`, `path:line` or `path:line:column`.
    public var description: String {
        switch (line, column) {
        case let (line?, column?): "\(file):\(line):\(column)"
        case let (line?, nil): "\(file):\(line)"
        default: file
        }
    }
}
