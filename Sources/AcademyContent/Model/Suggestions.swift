/// Finds the closest known id to a mistyped one, for "did you mean" messages.
public enum Suggestions {
    /// The candidate nearest to `text` by edit distance, when it is near enough to be a likely typo.
    public static func closest(to text: String, among candidates: some Collection<String>) -> String? {
        let limit = max(2, text.count / 3)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(text, candidate)
            if distance <= limit, distance < (best?.1 ?? Int.max) || (distance == best?.1 && candidate < best!.0) {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    /// The Levenshtein distance between two strings.
    public static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.unicodeScalars)
        let b = Array(rhs.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
