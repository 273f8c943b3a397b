import AcademyCommands
import ArgumentParser

struct Academy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "academy",
        abstract: "The leerKRACHT academy: content, progress, server and terminal player.",
        subcommands: [Serve.self, Validate.self, Modules.self, Learners.self, Progress.self, Next.self, Play.self, Watch.self, Check.self, Login.self, Logout.self]
    )
}
