#if canImport(Glibc)
import Glibc
#endif

/// The terminal the full-screen player runs in: raw mode, the alternate screen, a hidden cursor, the
/// window size, and a loop's wait for input, resizes and signals. It always gives the terminal back:
/// on ``restore()``, at exit, on SIGINT, SIGTERM, SIGHUP and SIGQUIT, and on a crash.
final class TerminalDevice {
    /// What woke the loop.
    enum Wake: Equatable {
        /// Bytes from the keyboard.
        case input([UInt8])
        /// The window changed size.
        case resize
        /// The process was continued after a stop: the terminal must be set up again.
        case continued
        /// A signal asked the player to stop.
        case stop(signal: Int32)
        /// The terminal is gone (end of input).
        case hangUp
        /// Background work finished (see ``waker``).
        case work
    }

    /// Wakes the loop's ``wait(milliseconds:)`` from another task, with ``Wake/work``.
    struct Waker: Sendable {
        let descriptor: Int32

        func wake() {
            var byte = TerminalGuard.Wake.work.rawValue
            _ = Glibc.write(descriptor, &byte, 1)
        }
    }

    /// A waker for background work.
    var waker: Waker { Waker(descriptor: wakeWrite) }

    let input: Int32
    let output: Int32
    private let saved: termios
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private(set) var isActive = false

    /// Opens the terminal on `input` and `output`; throws when `input` is not a terminal.
    init(input: Int32 = 0, output: Int32 = 1) throws(PlayerError) {
        self.input = input
        self.output = output
        var settings = termios()
        guard tcgetattr(input, &settings) == 0 else {
            throw PlayerError("standard input is not a terminal: run 'academy play --plain', or run it in a terminal")
        }
        saved = settings
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else { throw PlayerError("cannot make a pipe: \(String(cString: strerror(errno)))") }
        wakeRead = pipeEnds[0]
        wakeWrite = pipeEnds[1]
        for descriptor in pipeEnds {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        TerminalGuard.arm(input: input, output: output, saved: saved, wakeFD: wakeWrite)
    }

    deinit {
        restore()
    }

    /// Raw mode, the alternate screen, the cursor hidden.
    func activate() {
        var raw = saved
        cfmakeraw(&raw)
        // Reads return as soon as one byte is there; the loop waits with poll.
        withUnsafeMutableBytes(of: &raw.c_cc) { buffer in
            buffer[Int(VMIN)] = 1
            buffer[Int(VTIME)] = 0
        }
        _ = tcsetattr(input, TCSANOW, &raw)
        TerminalGuard.setActive(true)
        isActive = true
        write(Array("\u{1B}[?1049h\u{1B}[?25l\u{1B}[0m\u{1B}[H\u{1B}[2J".utf8))
    }

    /// Gives the terminal back as it was found.
    func restore() {
        guard isActive else { return }
        isActive = false
        TerminalGuard.restoreNow()
    }

    /// The window's size, or 80x24 when the terminal does not say.
    func size() -> TerminalSize {
        var window = winsize()
        if ioctl(output, UInt(TIOCGWINSZ), &window) == 0 || ioctl(input, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 {
            return TerminalSize(columns: Int(window.ws_col), rows: Int(window.ws_row))
        }
        return TerminalSize(columns: 80, rows: 24)
    }

    /// Writes all of `bytes`.
    func write(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in Glibc.write(output, buffer.baseAddress! + offset, buffer.count - offset) }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return
            }
            offset += written
        }
    }

    /// Waits up to `milliseconds` (negative: without limit) for input or a signal; an empty list
    /// means the time ran out.
    func wait(milliseconds: Int32) -> [Wake] {
        var descriptors = [pollfd(fd: input, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
        let ready = poll(&descriptors, 2, milliseconds)
        guard ready > 0 else { return [] }
        var wakes: [Wake] = []
        if descriptors[1].revents & Int16(POLLIN) != 0 {
            var buffer = [UInt8](repeating: 0, count: 64)
            let count = read(wakeRead, &buffer, buffer.count)
            for byte in buffer.prefix(max(0, count)) {
                switch byte {
                case TerminalGuard.Wake.resize.rawValue: if !wakes.contains(.resize) { wakes.append(.resize) }
                case TerminalGuard.Wake.continued.rawValue: wakes.append(.continued)
                case TerminalGuard.Wake.work.rawValue: if !wakes.contains(.work) { wakes.append(.work) }
                default: wakes.append(.stop(signal: Int32(byte)))
                }
            }
        }
        if descriptors[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = read(input, &buffer, buffer.count)
            if count > 0 {
                wakes.append(.input(Array(buffer.prefix(count))))
            } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                wakes.append(.hangUp)
            }
        }
        return wakes
    }

    /// Gives the terminal back and stops the process, as Ctrl-Z does in a shell; returns once the
    /// shell continues it (`fg`), with the terminal set up again. Where there is no job control (an
    /// orphaned process group), the stop is discarded and this returns at once.
    func suspend() {
        handOver {
            let before = TerminalGuard.continuations
            // To the process, not this thread: the runtime's worker threads block signals.
            kill(getpid(), SIGTSTP)
            var waited = 0
            while TerminalGuard.continuations == before, waited < 20 {
                usleep(10_000)
                waited += 1
            }
        }
    }

    /// Hands the terminal to a child (an editor, a video player) in its normal mode, runs `body`,
    /// and takes it back.
    func handOver<T>(_ body: () -> T) -> T {
        let wasActive = isActive
        if wasActive {
            write(Array(TerminalGuard.restoreSequence.utf8))
            _ = tcsetattr(input, TCSANOW, [saved])
            TerminalGuard.setActive(false)
            isActive = false
        }
        TerminalGuard.setChildRunning(true)
        let result = body()
        TerminalGuard.setChildRunning(false)
        if wasActive { activate() }
        return result
    }
}
