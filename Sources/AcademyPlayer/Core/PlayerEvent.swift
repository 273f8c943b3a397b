/// Everything that can happen to the player: a key, time passing, a new window size, or the result
/// of an ``Effect`` the backend carried out.
public enum PlayerEvent: Sendable {
    /// A key was pressed.
    case key(Key)
    /// Time passed: the backend sends the current time before every other event, and regularly
    /// while captions play.
    case tick(PlayerTime)
    /// The terminal window has a new size.
    case resize(TerminalSize)
    /// An effect finished.
    case result(EffectResult)
    /// Open a module's screen above the catalog, as `academy play MODULE` starts.
    case open(moduleID: String)
}
