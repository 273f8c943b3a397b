import AcademyContent

/// A command line that asks for something that does not exist (exit status 64): the message names
/// the closest id.
public struct PlayerUsageError: Error, Sendable, CustomStringConvertible {
    /// What is wrong and how to fix it.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    /// "unknown video 'x' (did you mean 'y'?): the ids are listed by …".
    static func unknown(_ kind: String, _ id: String, among ids: [String], seeing command: String) -> PlayerUsageError {
        let hint = closest(to: id, among: ids).map { " (did you mean '\($0)'?)" } ?? ""
        return PlayerUsageError("unknown \(kind) '\(id)'\(hint): '\(command)' lists the \(kind) ids")
    }

    /// The closest id by ``Suggestions/closest(to:among:)``; failing that, the id whose beginning is
    /// closest, so "bordsesie" finds "bordsessie-opbouw".
    static func closest(to id: String, among ids: [String]) -> String? {
        if let found = Suggestions.closest(to: id, among: ids) { return found }
        var byPrefix: [String: String] = [:]
        for candidate in ids where candidate.count > id.count {
            let prefix = String(candidate.prefix(id.count))
            if byPrefix[prefix] == nil { byPrefix[prefix] = candidate }
        }
        return Suggestions.closest(to: id, among: byPrefix.keys).flatMap { byPrefix[$0] }
    }

    public var description: String { message }
}
