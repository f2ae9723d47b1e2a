import StatesLanguage
import Synchronization

/// Interpreters by definition id: each definition is parsed and laid out once per process.
///
/// Single flight: callers that miss at the same moment (64 StartExecutions of a new state
/// machine) share one load instead of each parsing the definition. A load that fails is
/// forgotten, so the next caller tries again.
final class InterpreterCache: Sendable {
    private enum Entry: Sendable {
        case ready(Interpreter)
        case loading(Task<Interpreter, any Error>)
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// The interpreter for `definitionID`, made by `load` on the first call.
    func interpreter(_ definitionID: String,
                     load: @escaping @Sendable () async throws -> Interpreter) async throws -> Interpreter {
        let found: Entry = entries.withLock { entries in
            if let entry = entries[definitionID] { return entry }
            let task = Task { try await load() }
            entries[definitionID] = .loading(task)
            return .loading(task)
        }
        switch found {
        case .ready(let interpreter): return interpreter
        case .loading(let task): return try await settle(task, definitionID)
        }
    }

    private func settle(_ task: Task<Interpreter, any Error>, _ definitionID: String) async throws -> Interpreter {
        do {
            let interpreter = try await task.value
            entries.withLock { $0[definitionID] = .ready(interpreter) }
            return interpreter
        } catch {
            entries.withLock { entries in
                if case .loading = entries[definitionID] { entries[definitionID] = nil }
            }
            throw error
        }
    }
}
