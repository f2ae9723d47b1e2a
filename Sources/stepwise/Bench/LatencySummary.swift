import Foundation
import StatesLanguage

/// A latency distribution in milliseconds with nearest-rank percentiles, as
/// `sfn_bench.py` reports them (n, p50, p90, p99, max).
struct LatencySummary: Sendable {
    var count: Int
    var p50: Double
    var p90: Double
    var p99: Double
    var max: Double

    /// Summarises durations given in seconds; nil when there are none.
    init?(seconds: [Double]) {
        let sorted = seconds.map { $0 * 1000 }.sorted()
        guard let last = sorted.last else { return nil }
        func rank(_ p: Double) -> Double {
            let index = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
            return sorted[Swift.max(0, Swift.min(sorted.count - 1, index))]
        }
        count = sorted.count
        p50 = rank(50)
        p90 = rank(90)
        p99 = rank(99)
        max = last
    }

    var text: String { "p50 \(format(p50))  p90 \(format(p90))  p99 \(format(p99))  max \(format(max)) ms  (n=\(count))" }

    var json: JSON {
        ["n": .number(.int(count)), "p50_ms": .number(.double(rounded(p50))), "p90_ms": .number(.double(rounded(p90))),
         "p99_ms": .number(.double(rounded(p99))), "max_ms": .number(.double(rounded(max)))]
    }
}

/// Two decimals, for printed figures.
func format(_ value: Double) -> String { String(format: "%.2f", value) }

/// Rounded to two decimals, for JSON figures.
func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }

/// `count / seconds`, or 0 when no time passed.
func perSecond(_ count: Int, _ seconds: Double) -> Double { seconds > 0 ? Double(count) / seconds : 0 }
