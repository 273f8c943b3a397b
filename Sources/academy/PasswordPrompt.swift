import AcademyCommands
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads a password: on a terminal asked twice without echo, else the first line of standard input.
enum PasswordPrompt {
    static func read() throws -> String {
        guard isatty(0) == 1 else {
            guard let line = readLine(strippingNewline: true) else { throw CommandError("no password on standard input") }
            return line
        }
        let first = try hidden("Password: ", what: "password")
        let second = try hidden("Again: ", what: "password")
        guard first == second else { throw CommandError("the two passwords differ") }
        return first
    }

    /// One line typed on the terminal without echo, after `text`.
    static func hidden(_ text: String, what: String) throws -> String {
        Output.error(text)
        var saved = termios()
        tcgetattr(0, &saved)
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(0, TCSANOW, &quiet)
        defer {
            tcsetattr(0, TCSANOW, &saved)
            Output.error("\n")
        }
        guard let line = readLine(strippingNewline: true) else { throw CommandError("no \(what) given") }
        return line
    }
}
