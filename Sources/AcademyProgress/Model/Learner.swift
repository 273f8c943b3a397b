public import AcademyContent
public import Foundation

/// Someone who uses the academy: a teacher, coach, school leader or admin, with the hashes of their
/// API tokens and web password.
public struct Learner: Sendable, Hashable, Codable, Identifiable {
    /// The learner's id, such as `anna`: lowercase letters, digits, `.`, `_` and `-`.
    public var id: String
    /// The name shown to people.
    public var displayName: String
    /// The team, such as `onderbouw`; coaches and school leaders read their team's progress.
    public var team: String
    /// The role.
    public var role: Role
    /// The hashes of the learner's API tokens (the tokens themselves are shown once and never stored).
    public var tokens: [TokenRecord]
    /// The web password's bcrypt hash, if a password is set.
    public var passwordHash: String?
    /// When the account was made.
    public var createdAt: Date

    /// Creates a learner.
    public init(
        id: String,
        displayName: String,
        team: String,
        role: Role,
        tokens: [TokenRecord] = [],
        passwordHash: String? = nil,
        createdAt: Date = Date()
    ) {
        self.id = id
        self.displayName = displayName
        self.team = team
        self.role = role
        self.tokens = tokens
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }

    /// Whether an id is acceptable: 1 to 64 of `a-z 0-9 . _ -`, starting with a letter or digit.
    public static func isValidID(_ id: String) -> Bool {
        guard (1...64).contains(id.utf8.count), let first = id.utf8.first, isAlphanumeric(first) else { return false }
        return id.utf8.allSatisfy { isAlphanumeric($0) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
    }

    /// Whether the learner may read the progress of `other`: their own; their team's for coaches
    /// and school leaders; everyone's for admins.
    public func mayRead(progressOf other: Learner) -> Bool {
        if other.id == id || role == .admin { return true }
        return (role == .schoolcoach || role == .schoolleider) && other.team == team
    }

    /// Whether the learner may read the progress of a whole team.
    public func mayRead(team name: String) -> Bool {
        role == .admin || ((role == .schoolcoach || role == .schoolleider) && team == name)
    }
}

/// A stored API token: only its hash, and when it was made.
public struct TokenRecord: Sendable, Hashable, Codable {
    /// The SHA-256 of the token, in hexadecimal.
    public var hash: String
    /// When the token was made.
    public var createdAt: Date

    /// Creates a record.
    public init(hash: String, createdAt: Date = Date()) {
        self.hash = hash
        self.createdAt = createdAt
    }
}
