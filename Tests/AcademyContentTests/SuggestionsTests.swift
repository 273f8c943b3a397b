import AcademyContent
import Testing

@Suite("Did-you-mean suggestions")
struct SuggestionsTests {
    static let ids = ["bordsessie-waarom", "bordsessie-opbouw", "bordsessie-het-bord", "lesbezoek-nagesprek", "wat-is-leerkracht"]

    @Test("A typo finds its id; ties go to the first in order; nothing near enough finds nothing")
    func closest() {
        #expect(Suggestions.closest(to: "bordsessie-waaron", among: Self.ids) == "bordsessie-waarom")
        #expect(Suggestions.closest(to: "bordsesie-opbouw", among: Self.ids) == "bordsessie-opbouw")
        #expect(Suggestions.closest(to: "wat-is-leerkracht", among: Self.ids) == "wat-is-leerkracht")
        #expect(Suggestions.closest(to: "ab", among: ["ac", "ab"]) == "ab")
        #expect(Suggestions.closest(to: "xy", among: ["ab", "aa"]) == "aa")
        #expect(Suggestions.closest(to: "rekenen", among: Self.ids) == nil)
        #expect(Suggestions.closest(to: "", among: Self.ids) == nil)
        #expect(Suggestions.closest(to: "x", among: [String]()) == nil)
    }

    @Test("Long or far-off input is cut short by the limit and gives the same answers as the full distance")
    func bounded() {
        let long = String(repeating: "bordsessie-waarom", count: 600)
        #expect(Suggestions.closest(to: long, among: Self.ids) == nil)
        #expect(Suggestions.closest(to: long + "x", among: [long, "a"]) == long)
        #expect(Suggestions.editDistance("kitten", "sitting") == 3)
        #expect(Suggestions.editDistance("", "abc") == 3)
        #expect(Suggestions.editDistance("zeeën", "zeeen") == 1)
        // The limit decides, not the length alone: a candidate of the same length can still be far.
        #expect(Suggestions.closest(to: "abcdefghi", among: ["ihgfedcba"]) == nil)
    }
}
