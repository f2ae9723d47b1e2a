import StatesLanguage

/// The pass-chain workload of `sfn_bench.py`: K Pass states, each with Parameters holding
/// two JSONPaths and `States.MathAdd`, and `ResultPath: $.c`; the output's `c.count` is K.
enum PassChain {
    static func definition(states: Int) -> String {
        var chain: JSONObject = [:]
        for i in 1...max(1, states) {
            var state: JSONObject = [
                "Type": "Pass",
                "Parameters": ["step": .number(.int(i)), "id.$": "$.payload.id", "kind.$": "$.payload.kind",
                               "count.$": "States.MathAdd($.c.count, 1)"],
                "ResultPath": "$.c",
            ]
            if i < states { state["Next"] = .string(name(i + 1)) } else { state["End"] = true }
            chain[name(i)] = .object(state)
        }
        return JSON.object(["Comment": "stepwise bench pass-chain", "StartAt": .string(name(1)), "States": .object(chain)]).serialized
    }

    static func input(_ sequence: Int) -> String {
        JSON.object(["c": ["count": 0, "step": 0], "payload": ["id": .number(.int(sequence)), "kind": "bench", "tags": ["a", "b", "c"]]]).serialized
    }

    private static func name(_ i: Int) -> String {
        let digits = String(i)
        return "P" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }
}
