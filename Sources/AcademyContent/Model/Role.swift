/// A role in the programme. Modules and steps name the first three; `admin` exists for accounts.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// A teacher in a team.
    case leraar
    /// A school coach, who supports the teams (0.2 to 0.6 fte).
    case schoolcoach
    /// A member of the school's leadership.
    case schoolleider
    /// Someone who manages the academy's accounts.
    case admin

    public var description: String { rawValue }
}

/// A type of school, as tracks name them.
public enum SchoolType: String, Sendable, Hashable, Codable, CaseIterable {
    /// Primary education.
    case po = "PO"
    /// Secondary education.
    case vo = "VO"
    /// Vocational education.
    case mbo = "MBO"
    /// Higher professional education, including teacher training.
    case hbo = "HBO"
}
