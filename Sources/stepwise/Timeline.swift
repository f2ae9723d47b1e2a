import StatesLanguage

/// A readable, one-line-per-event view of a history.
enum Timeline {
    static func render(_ events: [HistoryEvent]) -> String {
        guard let first = events.first else { return "" }
        var lines: [String] = []
        for event in events {
            let offset = event.timestamp.timeIntervalSince(first.timestamp)
            var line = String(format: "%4d  +%8.3fs  %@", event.id, offset, event.type.rawValue)
            if let details = event.details {
                var facts: [String] = []
                if let name = details["name"]?.stringValue { facts.append("\"\(name)\"") }
                if let error = details["error"]?.stringValue { facts.append("error=\(error)") }
                if let cause = details["cause"]?.stringValue { facts.append("cause=\(cause.prefix(120))") }
                if let output = details["output"]?.stringValue { facts.append("output=\(output.prefix(120))") }
                if !facts.isEmpty { line += "  " + facts.joined(separator: "  ") }
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
