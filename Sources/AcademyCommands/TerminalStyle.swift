#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ANSI styling for command output, on only where it helps: a terminal, and neither `NO_COLOR` set
/// nor `TERM=dumb` (`FORCE_COLOR` turns it on anywhere).
public struct TerminalStyle: Sendable {
    /// Whether escape codes are written.
    public var isEnabled: Bool

    /// Creates a style that is on or off.
    public init(isEnabled: Bool) {
        self.isEnabled = isEnabled
    }

    /// The style for a file descriptor (1: stdout, 2: stderr), from the environment.
    public static func forDescriptor(_ descriptor: Int32) -> TerminalStyle {
        let environment = { (name: String) -> String? in getenv(name).map { String(cString: $0) } }
        if let force = environment("FORCE_COLOR"), !force.isEmpty, force != "0" { return TerminalStyle(isEnabled: true) }
        if let noColor = environment("NO_COLOR"), !noColor.isEmpty { return TerminalStyle(isEnabled: false) }
        if environment("TERM") == "dumb" { return TerminalStyle(isEnabled: false) }
        return TerminalStyle(isEnabled: isatty(descriptor) == 1)
    }

    private func wrap(_ text: String, _ code: String) -> String {
        isEnabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// Bold text.
    public func bold(_ text: String) -> String { wrap(text, "1") }
    /// Bold red text, for errors.
    public func red(_ text: String) -> String { wrap(text, "1;31") }
    /// Bold yellow text, for warnings.
    public func yellow(_ text: String) -> String { wrap(text, "1;33") }
    /// Bold cyan text, for notes.
    public func cyan(_ text: String) -> String { wrap(text, "1;36") }
    /// Green text.
    public func green(_ text: String) -> String { wrap(text, "32") }
    /// Dim text.
    public func dim(_ text: String) -> String { wrap(text, "2") }
}

/// Writes text to a file descriptor without buffering surprises between stdout and stderr.
public enum Output {
    /// Writes `text` to standard output.
    public static func standard(_ text: String) { write(1, text) }
    /// Writes `text` to standard error.
    public static func error(_ text: String) { write(2, text) }

    /// Writes all of `text` to `descriptor`.
    public static func write(_ descriptor: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                #if canImport(Glibc)
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                Darwin.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
            }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}
