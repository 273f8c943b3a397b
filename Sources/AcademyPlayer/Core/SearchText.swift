/// Text folded for search: lowercase, without accents, so "creeer" finds "creëer".
enum SearchText {
    static func fold(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.lowercased().unicodeScalars {
            if let base = baseLetters[scalar] {
                result.unicodeScalars.append(base)
            } else if !(0x300...0x36F).contains(scalar.value) {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The lowercase Latin letters with diacritics that Dutch and its loanwords use, to their base letters.
    private static let baseLetters: [Unicode.Scalar: Unicode.Scalar] = {
        let groups: [(Unicode.Scalar, String)] = [
            ("a", "àáâãäå"), ("c", "ç"), ("e", "èéêë"), ("i", "ìíîï"), ("n", "ñ"), ("o", "òóôõöø"), ("u", "ùúûü"), ("y", "ýÿ"),
        ]
        var map: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (base, accented) in groups {
            for scalar in accented.unicodeScalars { map[scalar] = base }
        }
        return map
    }()
}
