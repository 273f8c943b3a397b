public import AcademyContent
import AcademyProgress
import Foundation

/// `academy learners …`: accounts and their credentials.
public struct LearnersCommand: Sendable {
    let context: CommandContext
    let isJSON: Bool

    /// Creates the command.
    public init(context: CommandContext, isJSON: Bool) {
        self.context = context
        self.isJSON = isJSON
    }

    /// `learners add ID --name … --team … --role …`: prints the new API token, once.
    public func add(id: String, name: String, team: String, role: Role) async throws {
        let store = try await context.openStore()
        let token = AccessToken.generate()
        let learner = Learner(id: id, displayName: name, team: team, role: role, tokens: [TokenRecord(hash: AccessToken.hash(token))])
        try await store.add(learner)
        if isJSON {
            Output.standard(CommandContext.json(["id": id, "token": token]))
        } else {
            Output.standard("Added \(id) (\(name), \(role), team \(team)).\nAPI token, shown only now; keep it safe:\n\n  \(token)\n\n")
        }
    }

    /// `learners list`.
    public func list() async throws {
        let store = try await context.openStore()
        let learners = try await store.learners()
        if isJSON {
            struct Row: Encodable {
                var id, displayName, team, role: String
                var tokens: Int
                var hasPassword: Bool
            }
            Output.standard(CommandContext.json(learners.map {
                Row(id: $0.id, displayName: $0.displayName, team: $0.team, role: $0.role.rawValue, tokens: $0.tokens.count, hasPassword: $0.passwordHash != nil)
            }))
            return
        }
        guard !learners.isEmpty else {
            Output.standard("No learners yet. Add one: academy learners add ID --name NAME --team TEAM --role leraar\n")
            return
        }
        let table = TextTable(columns: [.init("id"), .init("name"), .init("team"), .init("role"), .init("password")])
        let rows = learners.map { [$0.id, $0.displayName, $0.team, $0.role.rawValue, $0.passwordHash == nil ? "-" : "set"] }
        Output.standard(table.render(rows, headerStyle: TerminalStyle.forDescriptor(1).bold).joined(separator: "\n") + "\n")
    }

    /// `learners remove ID`: the account goes; the progress files are set aside, not deleted.
    public func remove(id: String) async throws {
        let store = try await context.openStore()
        try await store.remove(learnerID: id)
        Output.standard("Removed \(id); their progress files are kept in \(context.dataDirectory)/corrupt/.\n")
    }

    /// `learners token ID`: a new token; every old one stops working.
    public func newToken(id: String) async throws {
        let store = try await context.openStore()
        guard var learner = try await store.learner(id: id) else { throw StoreError.unknownLearnerError(id) }
        let token = AccessToken.generate()
        learner.tokens = [TokenRecord(hash: AccessToken.hash(token))]
        try await store.update(learner)
        if isJSON {
            Output.standard(CommandContext.json(["id": id, "token": token]))
        } else {
            Output.standard("New API token for \(id); the old one no longer works. Shown only now:\n\n  \(token)\n\n")
        }
    }

    /// `learners password ID`: reads the password from standard input (asked twice, unechoed, on a terminal).
    public func setPassword(id: String, password: String) async throws {
        guard password.count >= 10 else { throw CommandError("the password needs at least 10 characters") }
        let store = try await context.openStore()
        guard var learner = try await store.learner(id: id) else { throw StoreError.unknownLearnerError(id) }
        learner.passwordHash = PasswordHasher.hash(password)
        try await store.update(learner)
        Output.standard("Password set for \(id).\n")
    }
}

extension StoreError {
    static func unknownLearnerError(_ id: String) -> StoreError {
        StoreError(code: "D005", message: "no learner '\(id)': see 'academy learners list'")
    }
}
