/// One key press, as the terminal backend decodes it from the bytes a terminal sends.
///
/// For example, `ESC [ A` and `ESC O A` both decode to ``up``; the byte `0x03` to `.control("c")`.
public enum Key: Sendable, Hashable {
    /// A printable character, such as `q`, `?`, `é` or a space.
    case character(Character)
    /// The arrow keys.
    case up, down, left, right
    /// Home and End.
    case home, end
    /// Page Up and Page Down.
    case pageUp, pageDown
    /// Enter (Return).
    case enter
    /// Escape, pressed on its own.
    case escape
    /// Backspace.
    case backspace
    /// Delete (forward).
    case delete
    /// Tab, and Shift-Tab.
    case tab, backTab
    /// A control key with a letter, such as `.control("c")` for Ctrl-C.
    case control(Character)
    /// A function key, F1 to F12.
    case function(Int)

    /// Ctrl-C: quit from anywhere, progress saved.
    public static let interrupt = Key.control("c")
    /// The space bar.
    public static let space = Key.character(" ")
}
