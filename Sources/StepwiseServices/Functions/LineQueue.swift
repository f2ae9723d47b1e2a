import Foundation
import Synchronization

/// Lines read from a child's pipe, waited for one at a time.
///
/// Fed by a `FileHandle.readabilityHandler`. A line is handed out only by resuming the one
/// waiter, under the lock that also expires it, so a wait that times out never swallows a
/// line that arrives at the same moment.
final class LineQueue: Sendable {
    enum Wait: Equatable, Sendable {
        case line(String)
        case closed
        case timedOut
    }

    private struct State {
        var lines: [String] = []
        var partial: [UInt8] = []
        var closed = false
        var waiter: (id: UInt64, continuation: CheckedContinuation<Wait, Never>)?
        /// Waits that expired before they were registered.
        var expired: Set<UInt64> = []
        var nextID: UInt64 = 0
        /// The last wait answered (waits come one at a time, in id order).
        var finished: UInt64 = 0
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
        let resumed: (CheckedContinuation<Wait, Never>, String)? = state.withLock { state in
            state.partial.append(contentsOf: data)
            while let newline = state.partial.firstIndex(of: UInt8(ascii: "\n")) {
                state.lines.append(String(decoding: state.partial[..<newline], as: UTF8.self))
                state.partial.removeSubrange(...newline)
            }
            guard let waiter = state.waiter, !state.lines.isEmpty else { return nil }
            state.waiter = nil
            state.finished = waiter.id
            return (waiter.continuation, state.lines.removeFirst())
        }
        if let (continuation, line) = resumed { continuation.resume(returning: .line(line)) }
    }

    func close() {
        let waiter = state.withLock { state -> CheckedContinuation<Wait, Never>? in
            state.closed = true
            if !state.partial.isEmpty {
                state.lines.append(String(decoding: state.partial, as: UTF8.self))
                state.partial = []
            }
            guard let waiter = state.waiter else { return nil }
            state.waiter = nil
            state.finished = waiter.id
            return waiter.continuation
        }
        guard let waiter else { return }
        let line = state.withLock { state in state.lines.isEmpty ? nil : state.lines.removeFirst() }
        waiter.resume(returning: line.map(Wait.line) ?? .closed)
    }

    /// Every line received so far, without waiting.
    func drain() -> [String] {
        state.withLock { state in
            defer { state.lines = [] }
            return state.lines
        }
    }

    /// The next line, `.closed` at end of file, or `.timedOut` after `seconds` (real time:
    /// a child runs in real time).
    func next(within seconds: Double) async -> Wait {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskGroup(of: Wait?.self) { group in
            group.addTask { await self.wait(id) }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(Int(max(seconds, 0) * 1000)))
                self.expire(id)
                return nil
            }
            var answer = Wait.timedOut
            for await result in group {
                if let result {
                    answer = result
                    group.cancelAll()
                }
            }
            return answer
        }
    }

    private func wait(_ id: UInt64) async -> Wait {
        await withCheckedContinuation { (continuation: CheckedContinuation<Wait, Never>) in
            let answer: Wait? = state.withLock { state in
                let answer: Wait? = if !state.lines.isEmpty { .line(state.lines.removeFirst()) }
                    else if state.closed { .closed }
                    else if state.expired.remove(id) != nil { .timedOut }
                    else { nil }
                if answer == nil { state.waiter = (id, continuation) } else { state.finished = id }
                return answer
            }
            if let answer { continuation.resume(returning: answer) }
        }
    }

    private func expire(_ id: UInt64) {
        let waiter = state.withLock { state -> CheckedContinuation<Wait, Never>? in
            if id <= state.finished { return nil }
            guard let waiter = state.waiter, waiter.id == id else {
                state.expired.insert(id)
                return nil
            }
            state.waiter = nil
            state.finished = id
            return waiter.continuation
        }
        waiter?.resume(returning: .timedOut)
    }
}
