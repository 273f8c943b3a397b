#if canImport(Glibc)
import Glibc
#endif

/// Runs another program in the foreground (an editor, a video player) with the player's terminal,
/// and waits for it. No shell is involved: the arguments are passed as they are.
enum ChildProcess {
    /// How a child ended.
    enum Outcome: Equatable {
        /// It exited with this status.
        case exited(Int32)
        /// A signal ended it.
        case signaled(Int32)
        /// It could not be started (the message says why).
        case notStarted(String)
    }

    /// Runs `arguments` (the first is the program, looked up on `PATH`) and waits; returns how it
    /// ended and how many seconds it ran.
    static func run(_ arguments: [String], environment: [String: String]) -> (outcome: Outcome, seconds: Double) {
        guard let program = arguments.first, !program.isEmpty else { return (.notStarted("no program given"), 0) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child gets default handlers for the signals the player catches or ignores.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in TerminalGuard.stopSignals + [SIGPIPE, SIGWINCH, SIGCONT, SIGTSTP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        let start = MonotonicClock.seconds()
        var pid = pid_t()
        let status = posix_spawnp(&pid, program, nil, &attributes, argv, envp)
        guard status == 0 else {
            return (.notStarted(String(cString: strerror(status))), 0)
        }
        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, 0) < 0 {
            guard errno == EINTR else { return (.exited(-1), MonotonicClock.seconds() - start) }
        }
        let seconds = MonotonicClock.seconds() - start
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros; their bit layout on Linux:
        let termination = waitStatus & 0x7F
        if termination == 0 { return (.exited((waitStatus >> 8) & 0xFF), seconds) }
        return (.signaled(termination), seconds)
    }

    /// Whether `name` is an executable on `PATH` (or, with a slash, at that path).
    static func executable(named name: String, environment: [String: String]) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            var status = stat()
            if access(candidate, X_OK) == 0, stat(candidate, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG { return candidate }
        }
        return nil
    }
}
