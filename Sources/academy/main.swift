import ArgumentParser

// Runs on the main thread before the first task starts a worker thread (and its heap).
if let command = CommandLine.arguments.dropFirst().first, Heap.batchCommands.contains(command) {
    Heap.growInLargeSteps()
}
await start(Academy.self)

/// The async entry point of an async command; called directly, `Academy.main()` would pick the
/// synchronous one, which does not run async commands.
func start<Command: AsyncParsableCommand>(_: Command.Type) async {
    await Command.main()
}
