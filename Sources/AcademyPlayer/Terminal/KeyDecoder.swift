/// Turns the bytes a terminal sends into keys.
///
/// It knows both encodings of the cursor keys (`ESC [ A` and, in application mode, `ESC O A`),
/// Home and End in their four forms (`ESC [ H`, `ESC O H`, `ESC [ 1 ~`, `ESC [ 7 ~`), Page Up and
/// Down, Delete, function keys, Enter, Escape, Backspace, control keys and UTF-8 text. Unknown escape
/// sequences are skipped whole, and bytes that are not UTF-8 are dropped, so nothing a terminal
/// sends can confuse it. A sequence split over two reads is completed by the second.
///
/// For example:
///
/// ```swift
/// var decoder = KeyDecoder()
/// decoder.decode(Array("\u{1B}[A\u{1B}OBq".utf8))   // [.up, .down, .character("q")]
/// decoder.decode([0x1B])                           // [] (ESC alone: a key, or a sequence's start?)
/// decoder.flush()                                  // [.escape] (nothing followed in time)
/// ```
public struct KeyDecoder: Sendable {
    /// A control sequence longer than this is garbage: it is dropped.
    static let maximumSequenceLength = 32

    private var pending: [UInt8] = []

    /// Creates a decoder.
    public init() {}

    /// Whether bytes wait for more (an `ESC`, a started sequence or UTF-8 character): the backend
    /// calls ``flush()`` when nothing more arrives within a few milliseconds.
    public var hasPending: Bool { !pending.isEmpty }

    /// The keys in `bytes` (with any bytes left from before); an unfinished sequence at the end waits.
    public mutating func decode(_ bytes: some Sequence<UInt8>) -> [Key] {
        pending.append(contentsOf: bytes)
        var keys: [Key] = []
        var index = 0
        while index < pending.count {
            guard let (key, length) = decodeOne(at: index) else { break }
            if let key { keys.append(key) }
            index += length
        }
        pending.removeFirst(index)
        return keys
    }

    /// Ends a wait: a lone `ESC` is the Escape key; an unfinished sequence or character is dropped.
    public mutating func flush() -> [Key] {
        defer { pending.removeAll() }
        return pending == [0x1B] ? [.escape] : []
    }

    /// The key at `index` (nil for bytes that are skipped) and the bytes it took; `nil` when the
    /// bytes end before the key does.
    private func decodeOne(at index: Int) -> (Key?, Int)? {
        let byte = pending[index]
        switch byte {
        case 0x1B: return decodeEscape(at: index)
        case 0x0D, 0x0A: return (.enter, 1)
        case 0x09: return (.tab, 1)
        case 0x7F, 0x08: return (.backspace, 1)
        case 0x01...0x1A: return (.control(Character(Unicode.Scalar(byte + 0x60))), 1)
        case 0x00, 0x1C...0x1F: return (nil, 1)
        case 0x20...0x7E: return (.character(Character(Unicode.Scalar(byte))), 1)
        default: return decodeUTF8(at: index)
        }
    }

    private func decodeEscape(at index: Int) -> (Key?, Int)? {
        guard index + 1 < pending.count else { return nil }
        let next = pending[index + 1]
        switch next {
        case 0x5B: return decodeCSI(at: index)
        case 0x4F:
            guard index + 2 < pending.count else { return nil }
            let final = pending[index + 2]
            // `ESC O M` is Enter on the keypad in application mode.
            let key = final == 0x4D ? .enter : Self.cursorKey(final: final)
            // A byte that cannot end the sequence is left for the next key.
            guard (0x40...0x7E).contains(final) else { return (nil, 2) }
            return (key, 3)
        default:
            // Escape, then another key: Alt-combinations mean nothing here, and keys typed (or sent
            // by a tool such as tmux) right after Escape must not be lost.
            return (.escape, 1)
        }
    }

    /// `ESC [`, parameters (0x30-0x3F), intermediates (0x20-0x2F) and a final byte (0x40-0x7E).
    private func decodeCSI(at index: Int) -> (Key?, Int)? {
        var end = index + 2
        while end < pending.count, (0x20...0x3F).contains(pending[end]) { end += 1 }
        if end - index > Self.maximumSequenceLength {
            // Garbage: skip it whole, with its final byte if it came.
            let final = end < pending.count && (0x40...0x7E).contains(pending[end]) ? 1 : 0
            return (nil, end - index + final)
        }
        guard end < pending.count else { return nil }
        let final = pending[end]
        guard (0x40...0x7E).contains(final) else {
            // Not a sequence after all: drop `ESC [` and what was read, decode the byte anew.
            return (nil, end - index)
        }
        let parameters = pending[(index + 2)..<end]
        let length = end - index + 1
        if final == 0x4D, parameters.isEmpty {
            // An X10 mouse report: three more bytes follow.
            guard end + 3 < pending.count else { return nil }
            return (nil, length + 3)
        }
        let numbers = parameters.split(separator: 0x3B, omittingEmptySubsequences: false).map { field in
            field.reduce(0) { value, digit in (0x30...0x39).contains(digit) ? min(value * 10 + Int(digit - 0x30), 10_000) : value }
        }
        let first = parameters.isEmpty ? 0 : numbers[0]
        let key: Key?
        switch final {
        case 0x5A: key = .backTab
        case 0x7E:
            switch first {
            case 1, 7: key = .home
            case 4, 8: key = .end
            case 3: key = .delete
            case 5: key = .pageUp
            case 6: key = .pageDown
            case 11...15: key = .function(first - 10)
            case 17...21: key = .function(first - 11)
            case 23, 24: key = .function(first - 12)
            default: key = nil
            }
        default: key = Self.cursorKey(final: final)
        }
        return (key, length)
    }

    /// The keys that end both `ESC [` and `ESC O` sequences the same way: arrows, Home, End, F1-F4.
    private static func cursorKey(final: UInt8) -> Key? {
        switch final {
        case 0x41: .up
        case 0x42: .down
        case 0x43: .right
        case 0x44: .left
        case 0x48: .home
        case 0x46: .end
        case 0x50...0x53: .function(Int(final - 0x50) + 1)
        default: nil
        }
    }

    /// One UTF-8 encoded character; invalid bytes are skipped one at a time.
    private func decodeUTF8(at index: Int) -> (Key?, Int)? {
        let lead = pending[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: return (nil, 1)
        }
        var scalar = UInt32(lead) & (length == 2 ? 0x1F : (length == 3 ? 0x0F : 0x07))
        for offset in 1..<length {
            guard index + offset < pending.count else { return nil }
            let byte = pending[index + offset]
            let range = offset == 1 ? low...high : 0x80...0xBF
            guard range.contains(byte) else { return (nil, offset) }
            scalar = scalar << 6 | UInt32(byte & 0x3F)
        }
        guard let value = Unicode.Scalar(scalar), !(0x80...0x9F).contains(scalar) else { return (nil, length) }
        return (.character(Character(value)), length)
    }
}
