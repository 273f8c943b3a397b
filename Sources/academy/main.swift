import ArgumentParser

// The commands that read a whole content tree in one go, and exit, grow their heaps in large
// steps. This runs on the main thread, before the first task starts a worker thread (and its heap).
let batchCommands = [Validate.configuration.commandName, Modules.configuration.commandName]
if let command = CommandLine.arguments.dropFirst().first, batchCommands.contains(command) {
    Heap.growInLargeSteps()
}
await start(Academy.self)

/// The async entry point of an async command; called directly, `Academy.main()` would pick the
/// synchronous one, which does not run async commands.
func start<Command: AsyncParsableCommand>(_: Command.Type) async {
    await Command.main()
}
