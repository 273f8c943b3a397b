/// Splits a command line from an environment variable (`$ACADEMY_PLAYER`, `$EDITOR`) into words, as
/// `$PAGER` is read: spaces separate words, single and double quotes group them, a backslash escapes
/// the next character. No shell runs, so nothing in the variable is executed as shell code.
///
/// For example:
///
/// ```swift
/// CommandWords.split("mpv --fs 'my options'")   // ["mpv", "--fs", "my options"]
/// CommandWords.split("vlc \"unclosed")          // nil
/// ```
public enum CommandWords {
    /// The words, or `nil` when a quote is not closed (or the line ends in a lone backslash).
    public static func split(_ line: String) -> [String]? {
        var words: [String] = []
        var word = ""
        var hasWord = false
        var quote: Character?
        var isEscaped = false
        for character in line {
            if isEscaped {
                word.append(character)
                isEscaped = false
                continue
            }
            switch (quote, character) {
            case (nil, "\\"), ("\"", "\\"):
                isEscaped = true
                hasWord = true
            case (nil, "'"), (nil, "\""):
                quote = character
                hasWord = true
            case let (open?, close) where open == close:
                quote = nil
            case (nil, let space) where space == " " || space == "\t" || space == "\n":
                if hasWord { words.append(word) }
                word = ""
                hasWord = false
            default:
                word.append(character)
                hasWord = true
            }
        }
        guard quote == nil, !isEscaped else { return nil }
        if hasWord { words.append(word) }
        return words
    }
}
