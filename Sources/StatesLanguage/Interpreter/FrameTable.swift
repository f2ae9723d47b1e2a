/// The live frames of an execution, by id.
///
/// Every transition reads and updates its frame several times, so this table avoids what
/// a `Dictionary` costs there: hashing the id, and copying the whole `Frame` (and
/// retaining its payload) on each `frames[id]!.field = value`. Frames sit in an array
/// ordered by id (ids only grow, so a new frame is appended); a lookup checks the newest
/// frame, then binary-searches. A removed frame leaves a hole that is compacted away
/// once holes outnumber live frames, so a Map with many iterations stays linear.
struct FrameTable: Sendable {
    private var ids: [FrameID] = []
    private var slots: [Frame?] = []
    private var holes = 0

    init() {}

    /// Number of live frames.
    var count: Int { ids.count - holes }
    var isEmpty: Bool { count == 0 }

    /// The ids of live frames, ascending.
    var keys: [FrameID] {
        var keys: [FrameID] = []
        keys.reserveCapacity(count)
        for (i, id) in ids.enumerated() where slots[i] != nil { keys.append(id) }
        return keys
    }

    /// Live frames, ascending by id.
    var values: [Frame] { slots.compactMap { $0 } }

    /// The position of `id` in `ids`, live or not.
    private func position(of id: FrameID) -> Int? {
        guard let last = ids.last else { return nil }
        if last == id { return ids.count - 1 }
        var low = 0
        var high = ids.count - 1
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        return ids[low] == id ? low : nil
    }

    /// The live frame `id`, read and written in place.
    subscript(id: FrameID) -> Frame? {
        get {
            guard let i = position(of: id) else { return nil }
            return slots[i]
        }
        _modify {
            if let i = position(of: id) {
                let wasLive = slots[i] != nil
                yield &slots[i]
                let isLive = slots[i] != nil
                if wasLive != isLive { holes += isLive ? -1 : 1 }
                if !isLive { compactIfSparse() }
            } else {
                var added: Frame?
                yield &added
                if let added { insert(added, id: id) }
            }
        }
    }

    /// Reads the live frame `id` in place, without copying it (nil when there is none).
    func read<R>(_ id: FrameID, _ body: (borrowing Frame) -> R) -> R? {
        guard let i = position(of: id), slots[i] != nil else { return nil }
        return body(slots[i]!)
    }

    func contains(_ id: FrameID) -> Bool {
        guard let i = position(of: id) else { return false }
        return slots[i] != nil
    }

    /// Changes the live frame `id` in place (nothing when there is none).
    @discardableResult
    mutating func update<R>(_ id: FrameID, _ body: (inout Frame) -> R) -> R? {
        guard let i = position(of: id), slots[i] != nil else { return nil }
        return body(&slots[i]!)
    }

    private mutating func insert(_ frame: Frame, id: FrameID) {
        if let last = ids.last, id < last {
            let i = ids.firstIndex { $0 > id } ?? ids.count
            ids.insert(id, at: i)
            slots.insert(frame, at: i)
        } else {
            ids.append(id)
            slots.append(frame)
        }
    }

    private mutating func compactIfSparse() {
        guard holes > 8, holes * 2 > ids.count else { return }
        var keptIDs: [FrameID] = []
        var keptSlots: [Frame?] = []
        keptIDs.reserveCapacity(count)
        keptSlots.reserveCapacity(count)
        for (i, id) in ids.enumerated() where slots[i] != nil {
            keptIDs.append(id)
            keptSlots.append(slots[i])
        }
        ids = keptIDs
        slots = keptSlots
        holes = 0
    }

    mutating func removeAll() {
        ids.removeAll()
        slots.removeAll()
        holes = 0
    }
}
