import AcademyCommands
import ArgumentParser

struct Modules: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modules",
        abstract: "List the academy's modules: number, id, title, videos, duration, step plans."
    )

    @Option(name: .customLong("modules"), help: "The content tree.")
    var contentRoot = "Modules"

    @Option(help: "The language of the titles (nl or en).")
    var language = "nl"

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func run() async throws {
        do {
            try await ModulesCommand(contentRoot: contentRoot, isJSON: json, language: language).run()
        } catch {
            Output.error("error: \(error)\n")
            throw ExitCode.failure
        }
    }
}
