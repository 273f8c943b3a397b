/// A progress store failure: a stable code, what went wrong, the file, and how to fix it.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `D001` unreadable or corrupt file that could not be set aside, `D002` a file from a newer
    /// academy, `D003` data directory not writable, `D004` disk full, `D005` unknown learner,
    /// `D006` learner already exists, `D007` invalid learner field, `D008` other I/O failure.
    public var code: String
    /// What went wrong and how to fix it.
    public var message: String
    /// The file or directory concerned.
    public var path: String?

    /// Creates an error.
    public init(code: String, message: String, path: String? = nil) {
        self.code = code
        self.message = message
        self.path = path
    }

    /// `path: message [code]`.
    public var description: String {
        (path.map { "\($0): " } ?? "") + message + " [\(code)]"
    }

    static func unknownLearner(_ id: String) -> StoreError {
        StoreError(code: "D005", message: "no learner '\(id)': add one with 'academy learners add \(id) --name … --team … --role …'")
    }
}

/// Something the store noticed and handled, for the log: a torn journal tail it dropped, a corrupt
/// file it moved aside.
public struct StoreIssue: Sendable, Hashable, CustomStringConvertible {
    /// How serious: `warning` (data was set aside) or `notice` (an expected crash leftover).
    public var severity: String
    /// What happened, naming the file.
    public var message: String
    /// The file concerned.
    public var path: String

    /// Creates an issue.
    public init(severity: String, message: String, path: String) {
        self.severity = severity
        self.message = message
        self.path = path
    }

    public var description: String { "\(severity): \(path): \(message)" }
}
