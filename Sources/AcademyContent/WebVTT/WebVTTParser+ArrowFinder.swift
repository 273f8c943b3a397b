#if canImport(Glibc)
import Glibc
#endif

extension WebVTTParser {
    /// Finds `-->` in the lines of a file, asked for in file order. It remembers where the next `>`
    /// is, so a line without one (nearly every line of cue text) costs no search.
    struct ArrowFinder {
        let buffer: UnsafeBufferPointer<UInt8>
        /// No `>` lies in `searchedFrom..<next`; `next` is the offset of a `>`, or the buffer's end.
        private var searchedFrom = 0
        /// Below `searchedFrom` until the first search.
        private var next = -1

        init(buffer: UnsafeBufferPointer<UInt8>) {
            self.buffer = buffer
        }

        /// Whether the line in `range` contains `-->`, as ``WebVTTParser/containsArrow(_:in:)`` tells.
        mutating func contains(_ range: Range<Int>) -> Bool {
            guard range.count >= 3, let base = buffer.baseAddress else { return false }
            // The arrow's `>` is at least two bytes into the line.
            let lower = range.lowerBound + 2
            // A line before the last one searched: search it on its own.
            if lower < searchedFrom { return WebVTTParser.containsArrow(range, in: buffer) }
            if next < lower { find(from: lower, base: base) }
            while next < range.upperBound {
                if base[next - 1] == 0x2D, base[next - 2] == 0x2D { return true }
                find(from: next + 1, base: base)
            }
            return false
        }

        private mutating func find(from start: Int, base: UnsafePointer<UInt8>) {
            searchedFrom = start
            if start < buffer.count, let found = memchr(base + start, 0x3E, buffer.count - start) {
                next = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            } else {
                next = buffer.count
            }
        }
    }
}
