/// Measuring, cutting and wrapping text in terminal columns.
public enum TextLayout {
    /// The columns a character takes: 2 for East Asian wide characters and emoji, 0 for a lone
    /// combining mark or zero-width character, else 1.
    public static func width(of character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        let value = first.value
        if value < 0x300 { return 1 }
        if first.properties.isEmojiPresentation { return 2 }
        if character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// The columns a text takes.
    public static func width(_ text: some StringProtocol) -> Int {
        var total = 0
        for character in text { total += width(of: displayable(character)) }
        return total
    }

    /// The character to draw for `character`: control characters (C0, DEL, C1) become a space.
    public static func displayable(_ character: Character) -> Character {
        for scalar in character.unicodeScalars where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
            return " "
        }
        return character
    }

    /// `text` cut to `width` columns, ending in "…" when cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        guard Self.width(text) > width else { return text }
        var result = ""
        var used = 0
        for character in text {
            let cellWidth = Self.width(of: displayable(character))
            if used + cellWidth > width - 1 { break }
            result.append(character)
            used += cellWidth
        }
        while result.last == " " { result.removeLast() }
        return result + "…"
    }

    /// `text` padded with spaces to `width` columns (cut first when longer).
    public static func pad(_ text: String, to width: Int) -> String {
        let cut = truncate(text, to: width)
        return cut + String(repeating: " ", count: max(0, width - Self.width(cut)))
    }

    /// `text` padded on the left to `width` columns.
    public static func padLeft(_ text: String, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - Self.width(text))) + text
    }

    /// `text` wrapped at word boundaries into lines of at most `width` columns; a newline starts a
    /// new line, and a word longer than a line is broken.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var word = String(word)
                var wordWidth = Self.width(word)
                if lineWidth > 0, lineWidth + 1 + wordWidth <= width {
                    line += " " + word
                    lineWidth += 1 + wordWidth
                    continue
                }
                if lineWidth > 0 {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                while wordWidth > width {
                    var head = ""
                    var headWidth = 0
                    var rest = Substring(word)
                    while let character = rest.first, headWidth + Self.width(of: displayable(character)) <= width {
                        head.append(character)
                        headWidth += Self.width(of: displayable(character))
                        rest = rest.dropFirst()
                    }
                    if head.isEmpty { break }
                    lines.append(head)
                    word = String(rest)
                    wordWidth = Self.width(word)
                }
                line = word
                lineWidth = wordWidth
            }
            lines.append(line)
        }
        return lines
    }
}
