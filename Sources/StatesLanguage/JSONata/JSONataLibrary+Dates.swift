import Foundation

extension JSONataLibrary {
    static let dates: [JSONataBuiltin] = [
        JSONataBuiltin("now", "<s?s?:s>") { (a, call) throws(JSONataError) in
            let millis = (call.environment.now.timeIntervalSince1970 * 1000).rounded(.down)
            return .string(try JSONataDateFormat.format(millis, picture: a[argument: 0]?.string, timezone: a[argument: 1]?.string))
        },
        JSONataBuiltin("millis", "<:n>") { _, call in
            .number((call.environment.now.timeIntervalSince1970 * 1000).rounded(.down))
        },
        JSONataBuiltin("fromMillis", "<n-s?s?:s>") { (a, _) throws(JSONataError) in
            guard let millis = a[argument: 0]?.number else { return nil }
            return .string(try JSONataDateFormat.format(millis.rounded(.down), picture: a[argument: 1]?.string, timezone: a[argument: 2]?.string))
        },
        JSONataBuiltin("toMillis", "<s-s?:n>") { (a, _) throws(JSONataError) in
            guard let text = a[argument: 0]?.string else { return nil }
            if a[argument: 1] != nil {
                throw JSONataError("D3136", "Picture strings for $toMillis are not supported by this engine; pass an ISO 8601 timestamp")
            }
            guard let millis = JSONataDateFormat.parseISO(text) else {
                throw JSONataError("D3110", "The timestamp string \(JSONataText.describe(.string(text))) is not in valid ISO 8601 format")
            }
            return .number(millis)
        },
    ]
}

/// Dates as JSONata prints and reads them, computed on the proleptic Gregorian calendar
/// without any system calendar or time zone database.
enum JSONataDateFormat {
    struct Civil {
        var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int, weekday: Int
    }

    static func civil(_ millis: Double, offsetMinutes: Int) -> Civil {
        let total = Int64(millis) + Int64(offsetMinutes) * 60_000
        var days = total / 86_400_000
        var rest = total % 86_400_000
        if rest < 0 {
            rest += 86_400_000
            days -= 1
        }
        let (y, m, d) = Timestamp.civil(fromDays: days)
        let weekday = Int(((days % 7) + 11) % 7)  // 1970-01-01 was a Thursday; 0 = Sunday
        return Civil(
            year: Int(y), month: Int(m), day: Int(d), hour: Int(rest / 3_600_000), minute: Int(rest / 60_000 % 60),
            second: Int(rest / 1000 % 60), millisecond: Int(rest % 1000), weekday: weekday)
    }

    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        Int(Timestamp.daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day)))
    }

    /// ISO 8601 with milliseconds in UTC (`2017-05-15T15:12:59.152Z`) by default.
    static func format(_ millis: Double, picture: String?, timezone: String?) throws(JSONataError) -> String {
        guard millis.isFinite, abs(millis) < 8.64e15 else {
            throw JSONataError("D3110", "The timestamp is out of range")
        }
        var offset = 0
        if let timezone { offset = try parseOffset(timezone) }
        let c = civil(millis, offsetMinutes: offset)
        guard let picture else {
            return String(format: "%04ld-%02ld-%02ldT%02ld:%02ld:%02ld.%03ldZ", c.year, c.month, c.day, c.hour, c.minute, c.second, c.millisecond)
        }
        return try JSONataDatePicture(picture).format(c, offsetMinutes: offset)
    }

    /// `±HHMM` or `±HH:MM` as minutes east of UTC.
    static func parseOffset(_ text: String) throws(JSONataError) -> Int {
        let digits = text.filter { $0.isNumber }
        guard let sign = text.first, sign == "+" || sign == "-", digits.count == 4,
            let hours = Int(digits.prefix(2)), let minutes = Int(digits.suffix(2))
        else {
            throw JSONataError("D3134", "The timezone \(text) is not of the form ±HHMM")
        }
        return (sign == "-" ? -1 : 1) * (hours * 60 + minutes)
    }

    /// Milliseconds since the epoch of an ISO 8601 date or date-time; no zone means UTC.
    static func parseISO(_ text: String) -> Double? {
        let pattern = #"^(-?\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$"#
        guard let re = try? NSRegularExpression(pattern: pattern),
            let m = re.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length))
        else { return nil }
        let ns = text as NSString
        func group(_ i: Int) -> String? {
            let r = m.range(at: i)
            return r.location == NSNotFound ? nil : ns.substring(with: r)
        }
        guard let year = group(1).flatMap({ Int($0) }) else { return nil }
        let month = group(2).flatMap { Int($0) } ?? 1
        let day = group(3).flatMap { Int($0) } ?? 1
        let hour = group(4).flatMap { Int($0) } ?? 0
        let minute = group(5).flatMap { Int($0) } ?? 0
        let second = group(6).flatMap { Int($0) } ?? 0
        guard (1...12).contains(month), (1...31).contains(day), hour <= 24, minute < 60, second < 61 else { return nil }
        var fraction = 0.0
        if let f = group(7) { fraction = (Double("0." + f) ?? 0) * 1000 }
        var offset = 0
        if let zone = group(8), zone != "Z" {
            let digits = zone.filter(\.isNumber)
            let hours = Int(digits.prefix(2)) ?? 0
            let minutes = digits.count >= 4 ? Int(digits.suffix(2)) ?? 0 : 0
            offset = (zone.hasPrefix("-") ? -1 : 1) * (hours * 60 + minutes)
        }
        let days = Double(daysFromCivil(year, month, day))
        let seconds = Double(hour * 3600 + minute * 60 + second - offset * 60)
        return days * 86_400_000 + seconds * 1000 + fraction.rounded(.down)
    }
}
