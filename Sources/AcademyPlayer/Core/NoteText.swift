/// Notes as stored: without the trailing newline editors add.
enum NoteText {
    static func clean(_ text: String) -> String {
        var result = Substring(text)
        while let last = result.last, last.isNewline || last == " " || last == "\t" { result = result.dropLast() }
        return String(result)
    }
}
