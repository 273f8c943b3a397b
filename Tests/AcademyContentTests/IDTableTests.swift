import Testing

@testable import AcademyContent

@Suite("The id table of the rules across files")
struct IDTableTests {
    /// Ids by position (module, index); the table is asked to compare through them.
    struct Ids {
        var ids: [String]
        func position(_ index: Int) -> ContentRules.Position { ContentRules.Position(module: 0, index: Int32(index)) }
        func id(at position: ContentRules.Position) -> String { ids[Int(position.index)] }
    }

    @Test("Ids that share a hash are told apart by their text; the first of equal ids stays on record")
    func collisions() {
        let ids = Ids(ids: ["a", "b", "c", "a", "b"])
        var table = IDTable(capacity: 1)
        // One hash for all: every probe walks the same run of slots and compares texts.
        for index in ids.ids.indices {
            let existing = table.insert(ids.position(index), hash: 42) { ids.id(at: $0) == ids.ids[index] }
            switch index {
            case 3: #expect(existing?.index == 0)
            case 4: #expect(existing?.index == 1)
            default: #expect(existing == nil)
            }
        }
        #expect(table.positions.map(\.index) == [0, 1, 2])
        #expect(table.position(hash: 42) { ids.id(at: $0) == "c" }?.index == 2)
        #expect(table.position(hash: 42) { ids.id(at: $0) == "d" } == nil)
        #expect(table.position(hash: 7) { _ in true } == nil)
    }

    @Test("A table made small grows and still finds every id, by its own hash")
    func growth() {
        let ids = Ids(ids: (0..<5_000).map { "video-\($0)" })
        var table = IDTable(capacity: 0)
        for index in ids.ids.indices {
            #expect(table.insert(ids.position(index), hash: ids.ids[index].hashValue) { ids.id(at: $0) == ids.ids[index] } == nil)
        }
        for index in ids.ids.indices {
            let found = table.position(hash: ids.ids[index].hashValue) { ids.id(at: $0) == ids.ids[index] }
            #expect(found?.index == Int32(index))
        }
        // Negative hashes and hashes past the table's size wrap onto slots like any other.
        #expect(table.insert(ids.position(0), hash: Int.min) { _ in false } == nil)
        #expect(table.position(hash: Int.min) { $0.index == 0 }?.index == 0)
    }
}
