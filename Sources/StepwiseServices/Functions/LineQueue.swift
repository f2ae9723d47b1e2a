import Foundation
import Synchronization

/// Lines read from a child's pipe, waited for one at a time.
///
/// Fed by a `FileHandle.readabilityHandler`; a waiter that is cancelled (its timeout won the
/// race) gets nil, and a line that arrived meanwhile stays queued.
final class LineQueue: Sendable {
    private struct State {
        var lines: [String] = []
        var partial: [UInt8] = []
        var closed = false
        var waiter: (id: UInt64, continuation: CheckedContinuation<String?, Never>)?
        var cancelled: Set<UInt64> = []
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())

    /// Reads `handle` until end of file.
    init(reading handle: FileHandle) {
        handle.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                self?.close()
            } else {
                self?.feed(data)
            }
        }
    }

    init() {}

    func feed(_ data: Data) {
        let resumed: (CheckedContinuation<String?, Never>, String)? = state.withLock { state in
            state.partial.append(contentsOf: data)
            while let newline = state.partial.firstIndex(of: UInt8(ascii: "\n")) {
                state.lines.append(String(decoding: state.partial[..<newline], as: UTF8.self))
                state.partial.removeSubrange(...newline)
            }
            guard let waiter = state.waiter, !state.lines.isEmpty else { return nil }
            state.waiter = nil
            return (waiter.continuation, state.lines.removeFirst())
        }
        if let (continuation, line) = resumed { continuation.resume(returning: line) }
    }

    func close() {
        let waiter = state.withLock { state -> CheckedContinuation<String?, Never>? in
            state.closed = true
            if !state.partial.isEmpty {
                state.lines.append(String(decoding: state.partial, as: UTF8.self))
                state.partial = []
            }
            guard state.lines.isEmpty, let waiter = state.waiter else { return nil }
            state.waiter = nil
            return waiter.continuation
        }
        waiter?.resume(returning: nil)
    }

    /// Every line received so far, without waiting.
    func drain() -> [String] {
        state.withLock { state in
            defer { state.lines = [] }
            return state.lines
        }
    }

    /// The next line; nil at end of file or when cancelled.
    func next() async -> String? {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
                let answer: String?? = state.withLock { state in
                    if !state.lines.isEmpty { return .some(state.lines.removeFirst()) }
                    if state.closed || state.cancelled.remove(id) != nil { return .some(nil) }
                    state.waiter = (id, continuation)
                    return nil
                }
                if let answer { continuation.resume(returning: answer) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<String?, Never>? in
                guard let waiter = state.waiter, waiter.id == id else {
                    state.cancelled.insert(id)
                    return nil
                }
                state.waiter = nil
                return waiter.continuation
            }
            waiter?.resume(returning: nil)
        }
    }

    enum Wait: Equatable {
        case line(String)
        case closed
        case timedOut
    }

    /// The next line, or `.timedOut` after `seconds` (real time: a child runs in real time).
    func next(within seconds: Double) async -> Wait {
        await withTaskGroup(of: Wait.self) { group in
            group.addTask { await self.next().map(Wait.line) ?? .closed }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(Int(max(seconds, 0) * 1000)))
                return .timedOut
            }
            let first = await group.next() ?? .closed
            group.cancelAll()
            return first
        }
    }
}
