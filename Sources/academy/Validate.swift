import AcademyCommands
public import ArgumentParser
import Foundation

struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check content trees or manifests like a compiler: file, line, column, code and how to fix it.",
        discussion: "Exit status: 0 valid, 1 invalid, 64 bad usage."
    )

    @Argument(help: "Content trees (folders with academy.xml), module folders, or single module.xml/academy.xml files.")
    var paths: [String] = ["Modules"]

    @Option(help: "Output format: text, json or github.")
    var format: DiagnosticRenderer.Format = .text

    @Flag(help: "Treat warnings as failures.")
    var strict = false

    @Option(help: "Also check media files in this directory (<DIR>/<module-id>/<src>), and their durations with ffprobe.")
    var media: String?

    func validate() throws {
        for path in paths where !FileManager.default.fileExists(atPath: path) {
            throw ValidationError("no such file or directory: \(path)")
        }
        if let media, !FileManager.default.fileExists(atPath: media) {
            throw ValidationError("no such media directory: \(media)")
        }
    }

    func run() async throws {
        let status = await ValidateCommand(paths: paths, format: format, isStrict: strict, mediaDirectory: media).run()
        if status != 0 { throw ExitCode(status) }
    }
}

extension DiagnosticRenderer.Format: ExpressibleByArgument {}
