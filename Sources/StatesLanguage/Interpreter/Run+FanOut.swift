/// Parallel and Map states: children frames, their results, and their failures.
extension Run {
    mutating func startParallel(_ id: FrameID, _ s: State, _ parallel: ParallelState) throws(Failure) {
        let frame = state.frames[id]!
        let effective = try applyInputPath(s, frame)
        var input = effective
        if let parameters = parallel.parameters { input = try evaluate(parameters, scope(frame, input: effective), frame) }
        record(id, .parallelStateStarted, nil)
        let pending = parallel.branches.indices.map { (index: $0, input: input) }
        state.frames[id]!.fanOut = FanOut(
            pending: pending, results: Array(repeating: nil, count: pending.count),
            maxConcurrency: 0, toleratedFailures: nil, isMap: false)
        state.frames[id]!.awaiting = .children
        startChildren(id)
        finishFanOutIfDone(id)
    }

    mutating func startMap(_ id: FrameID, _ s: State, _ map: MapState) throws(Failure) {
        let frame = state.frames[id]!
        let effective = try applyInputPath(s, frame)
        let items: JSON
        if map.itemsPath.source == "$" {
            items = effective
        } else {
            do { items = try map.itemsPath.evaluate(effective) } catch {
                throw runtimeFailure(frame, "Invalid path '\(map.itemsPath.source)' : No results for path: \(map.itemsPath.path.normalizedDescription)")
            }
        }
        guard case .array(let array) = items else {
            throw runtimeFailure(frame, "Map state input must be an array but was: \(items.serialized)")
        }
        var maxConcurrency = 0
        if let source = map.maxConcurrency {
            maxConcurrency = try integer(source, field: "MaxConcurrency", effective, frame)
            if maxConcurrency < 0 { throw runtimeFailure(frame, "MaxConcurrency cannot be negative.") }
        }
        var tolerated: Int?
        if let source = map.toleratedFailureCount {
            let count = try integer(source, field: "ToleratedFailureCount", effective, frame)
            if count < 0 { throw runtimeFailure(frame, "ToleratedFailureCount cannot be negative.") }
            tolerated = count
        }
        if let source = map.toleratedFailurePercentage {
            let percentage: Double
            switch source {
            case .literal(let value): percentage = value
            case .path(let path):
                guard let value = try? path.evaluate(effective), let number = value.numberValue else {
                    throw runtimeFailure(frame, "The ToleratedFailurePercentagePath field refers to a value that is not a valid number: \(path.source)")
                }
                percentage = number.doubleValue
            }
            if percentage < 0 || percentage > 100 {
                throw runtimeFailure(frame, "ToleratedFailurePercentage must be between 0 and 100.")
            }
            let byPercentage = Int((percentage / 100 * Double(array.count)).rounded(.down))
            tolerated = min(tolerated ?? .max, byPercentage)
        }
        var pending: [(index: Int, input: JSON)] = []
        pending.reserveCapacity(array.count)
        for (index, item) in array.enumerated() {
            if let selector = map.itemSelector {
                pending.append((index, try evaluate(selector, scope(frame, input: effective, mapItem: (index, item)), frame)))
            } else {
                pending.append((index, item))
            }
        }
        record(id, .mapStateStarted, ["length": .int(array.count)])
        state.frames[id]!.fanOut = FanOut(
            pending: pending, results: Array(repeating: nil, count: pending.count),
            maxConcurrency: maxConcurrency, toleratedFailures: tolerated, isMap: true)
        state.frames[id]!.awaiting = .children
        startChildren(id)
        finishFanOutIfDone(id)
    }

    /// Starts as many pending children as MaxConcurrency allows.
    mutating func startChildren(_ id: FrameID) {
        guard var fanOut = state.frames[id]?.fanOut else { return }
        let parent = state.frames[id]!
        let s = machine.graphs[parent.graph].states[parent.state]
        while fanOut.pendingStart < fanOut.pending.count,
            fanOut.maxConcurrency == 0 || fanOut.running.count < fanOut.maxConcurrency
        {
            let (index, input) = fanOut.pending[fanOut.pendingStart]
            fanOut.pending[fanOut.pendingStart].input = .null  // the child owns it now
            fanOut.pendingStart += 1
            let graph: GraphID
            let role: Frame.Role
            switch s.kind {
            case .parallel(let p): (graph, role) = (p.branches[index], .branch(index: index))
            case .map(let m): (graph, role) = (m.processor, .iteration(index: index))
            default: preconditionFailure("only Parallel and Map states fan out")
            }
            let child = makeFrame(parent: id, role: role, graph: graph, input: input)
            fanOut.running.insert(child)
            state.frames[id]!.fanOut = fanOut
            if fanOut.isMap { record(child, .mapIterationStarted, ["name": .string(s.name), "index": .int(index)]) }
            enter(child, state: machine.graphs[graph].startAt, input: input)
            fanOut = state.frames[id]!.fanOut!
        }
        state.frames[id]!.fanOut = fanOut
    }

    mutating func childCompleted(parent id: FrameID, child: Frame, _ result: Result<JSON, Failure>) {
        state.frames[child.id] = nil
        guard var fanOut = state.frames[id]?.fanOut else { return }
        fanOut.running.remove(child.id)
        let parent = state.frames[id]!
        let s = machine.graphs[parent.graph].states[parent.state]
        let index: Int
        switch child.role {
        case .branch(let i), .iteration(let i): index = i
        case .root: preconditionFailure("the root frame has no parent")
        }
        switch result {
        case .success(let output):
            fanOut.results[index] = output
            state.frames[id]!.fanOut = fanOut
            if fanOut.isMap { record(id, .mapIterationSucceeded, ["name": .string(s.name), "index": .int(index)]) }
        case .failure(let failure):
            fanOut.failures += 1
            state.frames[id]!.fanOut = fanOut
            if fanOut.isMap { record(id, .mapIterationFailed, ["name": .string(s.name), "index": .int(index)]) }
            if let tolerated = fanOut.toleratedFailures {
                if fanOut.failures <= tolerated {
                    state.frames[id]!.fanOut!.results[index] = failure.errorOutput
                } else {
                    abortChildren(of: id)
                    fail(id, runtimeFailure(parent, "The specified tolerated failure threshold was exceeded", error: .exceedToleratedFailureThreshold))
                    return
                }
            } else {
                abortChildren(of: id)
                fail(id, failure)
                return
            }
        }
        startChildren(id)
        finishFanOutIfDone(id)
    }

    mutating func finishFanOutIfDone(_ id: FrameID) {
        guard let frame = state.frames[id], let fanOut = frame.fanOut, fanOut.isDone else { return }
        let s = machine.graphs[frame.graph].states[frame.state]
        state.frames[id]!.fanOut = nil
        state.frames[id]!.awaiting = .nothing
        let results = JSON.array(fanOut.results.map { $0 ?? .null })
        record(id, fanOut.isMap ? .mapStateSucceeded : .parallelStateSucceeded, nil)
        do throws(Failure) {
            switch s.kind {
            case .parallel(let p):
                try exit(id, output: try output(of: s, result: results, selector: p.resultSelector, resultPath: p.resultPath, frame))
            case .map(let m):
                try exit(id, output: try output(of: s, result: results, selector: m.resultSelector, resultPath: m.resultPath, frame))
            default:
                preconditionFailure("only Parallel and Map states fan out")
            }
        } catch {
            fail(id, error)
        }
    }

    /// Stops every running child of a Parallel or Map state (and theirs), recording the
    /// aborts and cancelling what they wait on.
    mutating func abortChildren(of id: FrameID) {
        guard let fanOut = state.frames[id]?.fanOut else { return }
        let parent = state.frames[id]!
        let s = machine.graphs[parent.graph].states[parent.state]
        for child in fanOut.running.sorted() {
            abort(child)
            if case .iteration(let index)? = state.frames[child]?.role {
                record(id, .mapIterationAborted, ["name": .string(s.name), "index": .int(index)])
            }
            state.frames[child] = nil
        }
        state.frames[id]!.fanOut = nil
        state.frames[id]!.awaiting = .nothing
    }

    mutating func abort(_ id: FrameID) {
        guard let frame = state.frames[id] else { return }
        abortChildren(of: id)
        switch frame.awaiting {
        case .task(let ticket, _), .timer(let ticket, _):
            state.awaited[ticket] = nil
            effects.append(.cancel(ticket))
        case .children, .nothing:
            break
        }
        let s = machine.graphs[frame.graph].states[frame.state]
        record(id, .stateAborted(s.typeName), ["name": .string(s.name)])
    }
}
