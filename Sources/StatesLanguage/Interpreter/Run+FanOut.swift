/// Parallel and Map states: children frames, their results, and their failures.
extension Run {
    mutating func startParallel(_ id: FrameID, _ s: StateBox, _ parallel: ParallelState) throws(Failure) {
        let effective = s.isJSONata ? input(id) : try applyInputPath(s, id)
        var input = effective
        if let parameters = parallel.parameters { input = try evaluate(parameters, input: effective, id) }
        if let arguments = parallel.arguments {
            input = try evaluate(arguments, field: "Arguments", jsonataBindings(id, input: effective), id)
        }
        record(id, .parallelStateStarted, nil)
        state.frames[id]!.started = true
        state.fanOuts[id] = FanOut(
            pending: Array(repeating: input, count: parallel.branches.count),
            results: Array(repeating: nil, count: parallel.branches.count),
            maxConcurrency: 0, toleratedFailures: nil, isMap: false)
        state.frames[id]!.awaiting = .children
        startChildren(id)
        finishFanOutIfDone(id)
    }

    mutating func startMap(_ id: FrameID, _ s: StateBox, _ map: MapState) throws(Failure) {
        let effective = s.isJSONata ? input(id) : try applyInputPath(s, id)
        let items: JSON
        if s.isJSONata {
            items = try jsonataItems(map, effective, id)
        } else if map.itemsPath.source == "$" {
            items = effective
        } else {
            do { items = try read(map.itemsPath.path, from: effective, id) } catch {
                throw invalidPath(map.itemsPath.path, in: effective, id)
            }
        }
        guard case .array(let array) = items else {
            throw runtimeFailure(id, "Map state input must be an array but was: \(items.serialized)")
        }
        var maxConcurrency = 0
        if let source = map.maxConcurrency {
            maxConcurrency = try integer(source, field: "MaxConcurrency", effective, id)
            if maxConcurrency < 0 { throw runtimeFailure(id, "MaxConcurrency cannot be negative.") }
        }
        record(id, .mapStateStarted, ["length": .int(array.count)])
        let tolerated = try toleratedFailures(map, effective, count: array.count, id)
        var pending: [JSON]
        if let selector = map.itemExpressions {
            pending = []
            pending.reserveCapacity(array.count)
            for (index, item) in array.enumerated() {
                let bindings = jsonataBindings(id, input: effective, mapItem: (index, item))
                pending.append(try evaluate(selector, field: "ItemSelector", bindings, id))
            }
        } else if let selector = map.itemSelector {
            pending = []
            pending.reserveCapacity(array.count)
            for (index, item) in array.enumerated() {
                pending.append(try evaluate(selector, scope(id, input: effective, mapItem: (index, item)), id))
            }
        } else {
            pending = array
        }
        state.frames[id]!.started = true
        let distributed = machine.graphs[map.processor].processorConfig?.mode == .distributed
        state.fanOuts[id] = FanOut(
            pending: pending, results: Array(repeating: nil, count: pending.count),
            maxConcurrency: maxConcurrency, toleratedFailures: tolerated, isMap: true, distributed: distributed)
        if distributed {
            let runName = map.label.map { "\($0):" } ?? ""
            let mapRunArn = state.context.execution.id.replacingOccurrences(of: ":execution:", with: ":mapRun:") + "/\(runName)\(s.name)"
            record(id, .mapRunStarted, ["mapRunArn": .string(mapRunArn)])
        }
        state.frames[id]!.awaiting = .children
        startChildren(id)
        finishFanOutIfDone(id)
    }

    /// ToleratedFailureCount and ToleratedFailurePercentage: how many failed items a Map
    /// absorbs (nil when neither is set: the first failure fails the Map).
    func toleratedFailures(_ map: MapState, _ effective: JSON, count: Int, _ id: FrameID) throws(Failure) -> Int? {
        var tolerated: Int?
        if let source = map.toleratedFailureCount {
            let value = try integer(source, field: "ToleratedFailureCount", effective, id)
            if value < 0 { throw runtimeFailure(id, "ToleratedFailureCount cannot be negative.") }
            tolerated = value
        }
        if let source = map.toleratedFailurePercentage {
            let percentage: Double
            switch source {
            case .literal(let value): percentage = value
            case .path(let path):
                let value = try? read(path.path, from: effective, id)
                // As for the integer fields, a string of a number counts as that number.
                if let number = value?.numberValue {
                    percentage = number.doubleValue
                } else if let text = value?.stringValue, let number = Double(text), number.isFinite {
                    percentage = number
                } else {
                    throw runtimeFailure(id, "The ToleratedFailurePercentagePath field refers to a value that is not a valid number: \(path.source)")
                }
            case .expression(let template):
                percentage = try jsonataNumber(template, field: "ToleratedFailurePercentage", input: effective, id)
            }
            if percentage < 0 || percentage > 100 {
                throw runtimeFailure(id, "ToleratedFailurePercentage must be between 0 and 100.")
            }
            let byPercentage = Int((percentage / 100 * Double(count)).rounded(.down))
            tolerated = min(tolerated ?? .max, byPercentage)
        }
        return tolerated
    }

    /// Starts as many pending children as MaxConcurrency allows.
    mutating func startChildren(_ id: FrameID) {
        guard let graphs = childGraphs(id) else { return }
        // Each child reads the variables visible here as of now (the Map or Parallel
        // state's start: this frame assigns nothing while it waits on them), but a
        // distributed Map's child executions read none.
        let inherited = variables(id).flatMap { state.fanOuts[id]?.distributed == true ? nil : $0.inner }
        while let fanOut = state.fanOuts[id], fanOut.pendingStart < fanOut.pending.count,
            fanOut.maxConcurrency == 0 || fanOut.running.count < fanOut.maxConcurrency
        {
            let index = fanOut.pendingStart
            let input = fanOut.pending[index]
            let isMap = fanOut.isMap && !fanOut.distributed
            state.fanOuts[id]!.pendingStart += 1
            let graph = graphs.count == 1 ? graphs[0] : graphs[index]
            let child = makeFrame(parent: id, role: isMap ? .iteration(index: index) : .branch(index: index), graph: graph,
                                  input: input, variables: inherited)
            state.fanOuts[id]!.running.insert(child)
            if isMap { record(child, .mapIterationStarted, ["name": .string(stateName(id)), "index": .int(index)]) }
            enter(child, state: machine.graphs[graph].startAt, input: input)
        }
    }

    /// The graphs a fanned-out frame's children run: a Parallel's branches, or a Map's
    /// one processor.
    func childGraphs(_ id: FrameID) -> [GraphID]? {
        guard let frame = state.frames[id] else { return nil }
        switch program.state(frame.graph, frame.state).kind {
        case .parallel(let p): return p.branches
        case .map(let m): return [m.processor]
        default: return nil
        }
    }

    func stateName(_ id: FrameID) -> String {
        let frame = state.frames[id]!
        return program.state(frame.graph, frame.state).name
    }

    mutating func childCompleted(parent id: FrameID, child: Frame, _ result: Result<JSON, Failure>) {
        state.frames[child.id] = nil
        guard state.fanOuts[id] != nil else { return }
        state.fanOuts[id]!.running.remove(child.id)
        let isMap = state.fanOuts[id]!.isMap && !state.fanOuts[id]!.distributed
        let index: Int
        switch child.role {
        case .branch(let i), .iteration(let i): index = i
        case .root: preconditionFailure("the root frame has no parent")
        }
        switch result {
        case .success(let output):
            state.fanOuts[id]!.results[index] = output
            if isMap { record(id, .mapIterationSucceeded, ["name": .string(stateName(id)), "index": .int(index)]) }
        case .failure(let failure):
            state.fanOuts[id]!.failures += 1
            if isMap { record(id, .mapIterationFailed, ["name": .string(stateName(id)), "index": .int(index)]) }
            if let tolerated = state.fanOuts[id]!.toleratedFailures, state.fanOuts[id]!.failures <= tolerated {
                state.fanOuts[id]!.results[index] = failure.errorOutput
            } else {
                let exceeded = state.fanOuts[id]!.toleratedFailures != nil
                let distributed = state.fanOuts[id]!.distributed
                abortChildren(of: id)
                let failure = exceeded
                    ? runtimeFailure(id, "The specified tolerated failure threshold was exceeded", error: .exceedToleratedFailureThreshold)
                    : failure
                if distributed { record(id, .mapRunFailed, failure.snapshot) }
                fail(id, failure)
                return
            }
        }
        startChildren(id)
        finishFanOutIfDone(id)
    }

    mutating func finishFanOutIfDone(_ id: FrameID) {
        guard let fanOut = state.fanOuts[id], fanOut.isDone else { return }
        state.fanOuts[id] = nil
        state.frames[id]!.awaiting = .nothing
        let frame = state.frames[id]!
        let s = program.state(frame.graph, frame.state)
        let results = JSON.array(fanOut.results.map { $0 ?? .null })
        if fanOut.distributed { record(id, .mapRunSucceeded, nil) }
        record(id, fanOut.isMap ? .mapStateSucceeded : .parallelStateSucceeded, nil)
        do throws(Failure) {
            if s.isJSONata {
                let (output, assigned) = try jsonataExit(s, input: frame.input, result: results, id)
                try exit(id, output: output, assigned: assigned)
                return
            }
            switch s.kind {
            case .parallel(let p):
                let (output, assigned) = try output(of: s, result: results, selector: p.resultSelector, resultPath: p.resultPath, id)
                try exit(id, output: output, assigned: assigned)
            case .map(let m):
                let (output, assigned) = try output(of: s, result: results, selector: m.resultSelector, resultPath: m.resultPath, id)
                try exit(id, output: output, assigned: assigned)
            default:
                preconditionFailure("only Parallel and Map states fan out")
            }
        } catch {
            failEvaluation(id, error)
        }
    }

    /// Stops every running child of a Parallel or Map state (and theirs), recording the
    /// aborts and cancelling what they wait on.
    mutating func abortChildren(of id: FrameID) {
        guard let fanOut = state.fanOuts.removeValue(forKey: id) else { return }
        for child in fanOut.running.sorted() {
            abort(child)
            if case .iteration(let index)? = state.frames[child]?.role {
                record(id, .mapIterationAborted, ["name": .string(stateName(id)), "index": .int(index)])
            }
            state.frames[child] = nil
        }
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
        let s = program.state(frame.graph, frame.state)
        record(id, .stateAborted(s.typeName), ["name": .string(s.name)])
    }
}
