/// A hash table from ids to where they are declared, for the rules across files.
///
/// It keeps no ids, only positions, and uses the hash each id got where its manifest was read:
/// filling it and looking ids up hashes nothing again and counts no references, which matters with
/// tens of thousands of ids on two cores. The caller tells whether the id at a position is the one
/// sought, which is asked only when the hashes are equal.
struct IDTable {
    /// Entry numbers from 1, by slot; 0 is an empty slot.
    private var slots: [Int32]
    private var hashes: [Int] = []
    /// Every position added, in the order added.
    private(set) var positions: [ContentRules.Position] = []

    init(capacity: Int) {
        slots = Array(repeating: 0, count: Self.slotCount(for: capacity))
        hashes.reserveCapacity(capacity)
        positions.reserveCapacity(capacity)
    }

    /// The position of the id that has `hash` and for which `isSought` holds, if it was added.
    func position(hash: Int, where isSought: (ContentRules.Position) -> Bool) -> ContentRules.Position? {
        let mask = slots.count - 1
        var slot = hash & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            if hashes[entry - 1] == hash, isSought(positions[entry - 1]) { return positions[entry - 1] }
            slot = (slot + 1) & mask
        }
    }

    /// Adds the id at `position`, unless an id that has `hash` and for which `isSame` holds is
    /// already in: then the table is unchanged and that id's position is returned.
    mutating func insert(
        _ position: ContentRules.Position,
        hash: Int,
        unlessIn isSame: (ContentRules.Position) -> Bool
    ) -> ContentRules.Position? {
        if let existing = self.position(hash: hash, where: isSame) { return existing }
        if (positions.count + 1) * 2 > slots.count { grow() }
        positions.append(position)
        hashes.append(hash)
        place(entry: positions.count, hash: hash)
        return nil
    }

    /// At most half the slots are taken, so that probes stay short.
    private static func slotCount(for count: Int) -> Int {
        var slots = 16
        while slots < count * 2 { slots <<= 1 }
        return slots
    }

    private mutating func place(entry: Int, hash: Int) {
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entry)
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        for entry in hashes.indices { place(entry: entry + 1, hash: hashes[entry]) }
    }
}
