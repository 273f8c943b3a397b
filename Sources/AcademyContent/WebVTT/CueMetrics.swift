/// The size of a cue's plain text: what subtitle guidelines limit.
public struct CueMetrics: Sendable, Hashable {
    /// The number of lines.
    public var lines: Int
    /// The length of the longest line, in characters.
    public var longestLine: Int
    /// The characters of all lines, line breaks not counted.
    public var characters: Int

    /// Creates measurements.
    public init(lines: Int, longestLine: Int, characters: Int) {
        self.lines = lines
        self.longestLine = longestLine
        self.characters = characters
    }

    /// Measures plain text, counting Unicode scalars.
    public init(plainText text: String) {
        self.init(utf8: text.utf8)
    }

    init(utf8 bytes: some Sequence<UInt8>) {
        var lines = 1
        var current = 0
        var longest = 0
        var characters = 0
        for byte in bytes {
            if byte == 0x0A {
                lines += 1
                longest = max(longest, current)
                current = 0
            } else if byte & 0xC0 != 0x80 {
                current += 1
                characters += 1
            }
        }
        self.lines = lines
        self.longestLine = max(longest, current)
        self.characters = characters
    }
}
