#if canImport(Glibc)
import Glibc
#endif

/// What signal handlers and `atexit` need to give the terminal back: the saved settings, the bytes
/// that leave the alternate screen, and the pipe that wakes the player's loop. The memory is
/// allocated once before any handler is installed, and a handler only reads and writes it with
/// plain loads and stores and calls `write` and `tcsetattr`, which are async-signal-safe.
enum TerminalGuard {
    /// The signals that end the player: restored and stopped cleanly (progress recorded).
    static let stopSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    /// The signals of a crash: the terminal is restored, then the previous handler (Swift's
    /// backtracer, or the default action) runs as it would have.
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    /// Bytes written to the wake-up pipe.
    enum Wake: UInt8 {
        case resize = 0x57  // W
        case continued = 0x43  // C
        /// Work the loop started in the background has finished.
        case work = 0x42  // B
    }

    /// Sets up the memory for the terminal on `input`/`output` with its settings `saved`, and
    /// installs the handlers (once per process).
    static func arm(input: Int32, output: Int32, saved: termios, wakeFD: Int32) {
        let memory = guardMemory
        memory.saved.pointee = saved
        memory.descriptors[0] = input
        memory.descriptors[1] = output
        memory.descriptors[2] = wakeFD
        memory.flags[Flag.stopRequests.rawValue] = 0
        guard memory.flags[Flag.installed.rawValue] == 0 else { return }
        memory.flags[Flag.installed.rawValue] = 1
        for signal in stopSignals { install(signal, handler: onStop) }
        for signal in crashSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = onCrash
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_SIGINFO
            _ = sigaction(signal, &action, guardMemory.previous + Int(signal))
        }
        install(SIGWINCH, handler: onWake)
        install(SIGCONT, handler: onWake)
        atexit { TerminalGuard.restoreNow() }
    }

    /// Marks the terminal as changed (raw, alternate screen) or given back.
    static func setActive(_ isActive: Bool) {
        guardMemory.flags[Flag.active.rawValue] = isActive ? 1 : 0
    }

    /// Whether a child (editor, video player) has the terminal: Ctrl-C then belongs to the child.
    static func setChildRunning(_ isRunning: Bool) {
        guardMemory.flags[Flag.childRunning.rawValue] = isRunning ? 1 : 0
    }

    /// Gives the terminal back if it is changed: async-signal-safe.
    static func restoreNow() {
        let memory = guardMemory
        guard memory.flags[Flag.active.rawValue] == 1 else { return }
        memory.flags[Flag.active.rawValue] = 0
        _ = Glibc.write(memory.descriptors[1], memory.restoreBytes, memory.restoreCount)
        _ = tcsetattr(memory.descriptors[0], TCSANOW, memory.saved)
    }

    /// What leaves the player's screen: normal colours, the cursor shown, the main screen back.
    static let restoreSequence = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"

    // MARK: - Handlers

    private static let onStop: @convention(c) (Int32) -> Void = { signal in
        let memory = guardMemory
        if memory.flags[Flag.childRunning.rawValue] == 1, signal == SIGINT || signal == SIGQUIT { return }
        if memory.flags[Flag.stopRequests.rawValue] > 0 {
            // Asked twice: the loop is not getting to it, so stop now.
            TerminalGuard.restoreNow()
            _exit(128 + signal)
        }
        memory.flags[Flag.stopRequests.rawValue] += 1
        var byte = UInt8(truncatingIfNeeded: signal)
        _ = Glibc.write(memory.descriptors[2], &byte, 1)
    }

    /// How many times the process was continued after a stop (SIGCONT).
    static var continuations: Int32 { guardMemory.flags[Flag.continuations.rawValue] }

    private static let onWake: @convention(c) (Int32) -> Void = { signal in
        if signal == SIGCONT { guardMemory.flags[Flag.continuations.rawValue] &+= 1 }
        var byte = signal == SIGWINCH ? Wake.resize.rawValue : Wake.continued.rawValue
        _ = Glibc.write(guardMemory.descriptors[2], &byte, 1)
    }

    private static let onCrash: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = { signal, info, _ in
        TerminalGuard.restoreNow()
        let code = info?.pointee.si_code ?? 0
        let sender = info?.pointee._sifields._kill.si_pid ?? 0
        if code > 0 || (signal == SIGABRT && sender == getpid()) {
            // A real fault (or abort()): the handler from before (Swift's backtracer, or the default
            // action) reports it as without the player, when the fault happens again on return.
            _ = sigaction(signal, guardMemory.previous + Int(signal), nil)
        } else {
            // Sent by another process: what the signal does by default, which is to end the process.
            Glibc.signal(signal, SIG_DFL)
        }
        raise(signal)
    }

    private static func install(_ signal: Int32, handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        _ = sigaction(signal, &action, nil)
    }
}

/// Indexes of ``GuardMemory/flags``.
private enum Flag: Int {
    case installed = 0
    case active, childRunning, stopRequests, continuations
}

/// Memory that signal handlers use; see ``TerminalGuard``.
private struct GuardMemory {
    let saved: UnsafeMutablePointer<termios>
    /// Input, output and the wake-up pipe's write end.
    let descriptors: UnsafeMutablePointer<Int32>
    let flags: UnsafeMutablePointer<Int32>
    let previous: UnsafeMutablePointer<sigaction>
    let restoreBytes: UnsafeMutablePointer<UInt8>
    let restoreCount: Int

    static func allocate() -> GuardMemory {
        let bytes = Array(TerminalGuard.restoreSequence.utf8)
        let restore = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        restore.initialize(from: bytes, count: bytes.count)
        let saved = UnsafeMutablePointer<termios>.allocate(capacity: 1)
        saved.initialize(to: termios())
        let descriptors = UnsafeMutablePointer<Int32>.allocate(capacity: 3)
        descriptors.initialize(repeating: -1, count: 3)
        let flags = UnsafeMutablePointer<Int32>.allocate(capacity: 5)
        flags.initialize(repeating: 0, count: 5)
        let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
        previous.initialize(repeating: sigaction(), count: 65)
        return GuardMemory(saved: saved, descriptors: descriptors, flags: flags, previous: previous, restoreBytes: restore, restoreCount: bytes.count)
    }
}

/// Allocated on first use by ``TerminalGuard/arm(input:output:saved:wakeFD:)``, before any handler
/// exists, and never freed; the handlers only touch it through its pointers. That is why sharing it
/// without a lock is safe here.
nonisolated(unsafe) private let guardMemory = GuardMemory.allocate()
