import Testing
@testable import StatesLanguage

@Suite struct FrameTableTests {
    static func frame(_ id: FrameID) -> Frame {
        Frame(id: id, parent: id == 0 ? nil : 0, role: id == 0 ? .root : .iteration(index: id - 1), graph: 0, state: 0, input: .int(id))
    }

    @Test("frames are found by id, changed in place and removed, whatever the order of their ids")
    func lookUpUpdateRemove() {
        var table = FrameTable()
        for id in [0, 1, 2, 5, 3] { table[id] = Self.frame(id) }
        #expect(table.keys == [0, 1, 2, 3, 5])
        #expect(table[4] == nil)
        #expect(table[3]?.input == .int(3))

        table[2]!.lastEventID = 7
        table.update(5) { $0.state = 4 }
        #expect(table[2]?.lastEventID == 7)
        #expect(table[5]?.state == 4)
        #expect(table.update(4) { $0.state = 1 } == nil)

        table[2] = nil
        #expect(!table.contains(2))
        #expect(table.keys == [0, 1, 3, 5])
        #expect(table.count == 4)
        table[2] = Self.frame(2)
        #expect(table.values.map(\.id) == [0, 1, 2, 3, 5])
    }

    @Test("a long Map's finished iterations are compacted away while the live frames stay reachable")
    func compaction() {
        var table = FrameTable()
        table[0] = Self.frame(0)
        for id in 1...1_000 {
            table[id] = Self.frame(id)
            if id > 3 { table[id - 3] = nil }
        }
        #expect(table.keys == [0, 998, 999, 1_000])
        #expect(table[999]?.input == .int(999))
        table.removeAll()
        #expect(table.isEmpty)
    }
}
