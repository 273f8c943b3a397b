import AcademyCommands
import AcademyPlayer
import ArgumentParser
import Foundation

struct Progress: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show, record, export, import or reset learners' progress.",
        subcommands: [Show.self, Record.self, Export.self, Import.self, Reset.self],
        defaultSubcommand: Show.self
    )

    struct Options: ParsableArguments {
        @Option(help: "The data directory (default: $ACADEMY_DATA, else $XDG_DATA_HOME/academy, else ~/.local/share/academy).")
        var data: String?

        @Option(name: .customLong("modules"), help: "The content tree.")
        var contentRoot = "Modules"

        @Flag(help: "Print JSON for scripts.")
        var json = false

        var command: ProgressCommand { ProgressCommand(context: CommandContext(data: data, contentRoot: contentRoot), isJSON: json) }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Per module a progress bar, videos and steps done, and what is next."
        )

        @Option(help: "The learner (default: the only one, or the local learner).")
        var learner: String?

        @OptionGroup var options: Options

        func run() async throws {
            try await reportingErrors { try await options.command.show(learnerID: learner) }
        }
    }

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "Read events as JSON Lines on standard input; print one line per event once it is on disk."
        )

        @Option(help: "The learner (default: the only one, or the local learner).")
        var learner: String?

        @OptionGroup var options: Options

        func run() async throws {
            try await reportingErrors { try await options.command.record(learnerID: learner) }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Print every recorded event as JSON, for a backup or a move."
        )

        @Option(help: "Only this learner (default: everyone).")
        var learner: String?

        @OptionGroup var options: Options

        func run() async throws {
            try await reportingErrors { try await options.command.export(learnerID: learner) }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Store the events of an export; importing twice changes nothing."
        )

        @Argument(help: "A file written by 'academy progress export'.")
        var file: String

        @OptionGroup var options: Options

        func run() async throws {
            try await reportingErrors { try await options.command.importFile(file) }
        }
    }

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reset", abstract: "Clear a learner's progress on one module, or on everything.")

        @Argument(help: "The module to reset.")
        var module: String?

        @Flag(help: "Reset every module.")
        var all = false

        @Option(help: "The learner.")
        var learner: String

        @Flag(help: "Confirm: the progress is cleared.")
        var yes = false

        @OptionGroup var options: Options

        func validate() throws {
            guard (module == nil) != !all else { throw ValidationError("name one MODULE, or --all") }
            guard yes else { throw ValidationError("resetting clears progress: add --yes to confirm") }
        }

        func run() async throws {
            try await reportingErrors { try await options.command.reset(moduleID: all ? nil : module, learnerID: learner) }
        }
    }
}

struct Next: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "The one next thing to do in your track, and the command that opens it."
    )

    @Option(help: "The learner (default: the only one, or the local learner).")
    var learner: String?

    @Option(help: "The data directory.")
    var data: String?

    @Option(name: .customLong("modules"), help: "The content tree.")
    var contentRoot = "Modules"

    @Flag(help: "Print JSON for scripts.")
    var json = false

    @Option(help: "A school's academy server, such as http://school.example:8080; default: the local data directory.")
    var server: String?

    @Option(help: "The token for --server (default: $ACADEMY_TOKEN, else the login saved by 'academy login' for that server).")
    var token: String?

    func run() async throws {
        if server != nil || token != nil {
            let options = PlayerOptions(contentRoot: contentRoot, dataDirectory: data, learnerID: learner, server: server, token: token,
                                        environment: ProcessInfo.processInfo.environment)
            try await runningPlayerCommand {
                try await NextCommand.run(remote: options, isJSON: json)
                return 0
            }
            return
        }
        try await reportingErrors {
            try await NextCommand(context: CommandContext(data: data, contentRoot: contentRoot), isJSON: json).run(learnerID: learner)
        }
    }
}
