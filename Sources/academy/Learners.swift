import AcademyCommands
public import AcademyContent
public import ArgumentParser
import Foundation

struct Learners: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learners",
        abstract: "Manage learner accounts: teachers, coaches, school leaders and admins.",
        subcommands: [Add.self, List.self, Remove.self, Token.self, Password.self]
    )

    struct Options: ParsableArguments {
        @Option(help: "The data directory (default: $ACADEMY_DATA, else $XDG_DATA_HOME/academy, else ~/.local/share/academy).")
        var data: String?

        @Flag(help: "Print JSON for scripts.")
        var json = false

        var command: LearnersCommand { LearnersCommand(context: CommandContext(data: data), isJSON: json) }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a learner and print their API token (shown once).")

        @Argument(help: "The learner's id: lowercase letters, digits, '.', '_' or '-'.")
        var id: String

        @Option(help: "The name shown to people.")
        var name: String

        @Option(help: "The team, such as onderbouw.")
        var team: String

        @Option(help: "leraar, schoolcoach, schoolleider or admin.")
        var role: Role

        @OptionGroup var options: Options

        func run() async throws {
            try await reportingErrors { try await options.command.add(id: id, name: name, team: team, role: role) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the learners.")

        @OptionGroup var options: Options

        func run() async throws {
            try await reportingErrors { try await options.command.list() }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a learner (their progress files are kept aside).")

        @Argument(help: "The learner's id.")
        var id: String

        @OptionGroup var options: Options

        func run() async throws {
            try await reportingErrors { try await options.command.remove(id: id) }
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "token", abstract: "Give a learner a new API token; the old one stops working.")

        @Argument(help: "The learner's id.")
        var id: String

        @OptionGroup var options: Options

        func run() async throws {
            try await reportingErrors { try await options.command.newToken(id: id) }
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "password",
            abstract: "Set a learner's web password, read from standard input (asked twice on a terminal)."
        )

        @Argument(help: "The learner's id.")
        var id: String

        @OptionGroup var options: Options

        func run() async throws {
            try await reportingErrors {
                let password = try PasswordPrompt.read()
                try await options.command.setPassword(id: id, password: password)
            }
        }
    }
}

extension Role: ExpressibleByArgument {}

/// Runs a command body, printing its error as `error: …` and exiting 1 instead of a stack of types.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ExitCode {
        throw error
    } catch {
        Output.error("error: \(error)\n")
        throw ExitCode.failure
    }
}
