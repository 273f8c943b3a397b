/// Finds the closest known id to a mistyped one, for "did you mean" messages.
public enum Suggestions {
    /// The candidate nearest to `text` by edit distance, when it is near enough to be a likely typo
    /// (at most a third of its length, and at least 2).
    ///
    /// The work is bounded by that limit: candidates whose length alone puts them out of reach are
    /// skipped, and a comparison stops once it cannot get within the limit. A request naming 500
    /// unknown ids of 10,000 characters each costs next to nothing.
    public static func closest(to text: String, among candidates: some Collection<String>) -> String? {
        let typed = Array(text.unicodeScalars)
        let limit = max(2, typed.count / 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let known = Array(candidate.unicodeScalars)
            let reach = best?.distance ?? limit
            guard abs(known.count - typed.count) <= reach, let distance = editDistance(typed, known, atMost: reach) else { continue }
            if best == nil || distance < best!.distance || (distance == best!.distance && candidate < best!.candidate) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// The Levenshtein distance between two strings, counted in Unicode scalars.
    public static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.unicodeScalars)
        let b = Array(rhs.unicodeScalars)
        return editDistance(a, b, atMost: max(a.count, b.count))!
    }

    /// The Levenshtein distance when it is at most `limit`; `nil` as soon as a row shows it is more.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], atMost limit: Int) -> Int? {
        if a.isEmpty { return b.count <= limit ? b.count : nil }
        if b.isEmpty { return a.count <= limit ? a.count : nil }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var smallest = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                smallest = min(smallest, current[j])
            }
            // Every later row is at least this row's smallest value.
            if smallest > limit { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}
