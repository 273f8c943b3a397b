import AcademyPlayer
import ArgumentParser

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Check a step of a step plan off (saved at once), or uncheck it.")

    @Argument(help: "The step's id (listed by 'academy play MODULE --plain').")
    var step: String

    @Flag(help: "Uncheck the step instead.")
    var uncheck = false

    @OptionGroup var options: PlayerCommandOptions

    func run() async throws {
        try await runningPlayerCommand {
            try await CheckCommand(options: options.playerOptions, stepID: step, isUnchecking: uncheck).run()
        }
    }
}
