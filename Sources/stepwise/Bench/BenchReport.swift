import ArgumentParser
import Foundation
import StatesLanguage

/// What a whole-system benchmark prints: readable lines as it goes and, with `--json`, one
/// JSON object holding every figure as the last line (what `scripts/bench-side-by-side.sh`
/// reads, like `sfn_bench.py`'s last line).
struct BenchReport {
    var name: String
    var figures: JSONObject = [:]

    init(name: String) { self.name = name }

    func line(_ text: String) { emit(text) }

    /// Prints the JSON line if asked; a run that did not do what it measured exits 1.
    func finish(json: Bool, ok: Bool, error: String? = nil) throws {
        if let error { line("ERROR: \(error)") }
        if json {
            var object: JSONObject = ["bench": .string(name), "ok": .bool(ok)]
            if let error { object["error"] = .string(error) }
            object["results"] = .object(figures)
            line(JSON.object(object).serialized)
        }
        if !ok { throw ExitCode(1) }
    }
}

/// Writes a line to standard output at once (unbuffered, so progress shows through a pipe).
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

extension Duration {
    /// The duration in seconds, as a Double.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
