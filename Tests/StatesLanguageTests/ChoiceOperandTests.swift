import Testing
@testable import StatesLanguage

@Suite struct ChoiceOperandTests {
    @Test("StringMatches: * matches any run, \\* and \\\\ are literal", arguments: [
        ("log-*.txt", "log-2024.txt", true),
        ("log-*.txt", "log-.txt", true),
        ("log-*.txt", "log-2024.csv", false),
        ("*", "", true),
        ("*", "anything", true),
        ("", "", true),
        ("", "a", false),
        ("a*b*c", "abc", true),
        ("a*b*c", "axxbyyc", true),
        ("a*b*c", "acb", false),
        ("a*a", "a", false),
        ("*ab*ab*", "abab", true),
        ("*ab*ab*", "aba", false),
        (#"a\*b"#, "a*b", true),
        (#"a\*b"#, "axb", false),
        (#"a\\*"#, #"a\xyz"#, true),
        (#"a\\b"#, #"a\b"#, true),
        (#"a\b"#, #"a\b"#, true),
        ("exact", "exact", true),
        ("exact", "Exact", false),
        ("caf\u{E9}", "cafe\u{301}", false),
    ])
    func stringMatches(pattern: String, text: String, expected: Bool) {
        #expect(StringMatchPattern(pattern).matches(text) == expected)
    }

    @Test("RFC 3339 timestamps AWS accepts", arguments: [
        ("2016-03-14T01:59:00Z", "2016-03-14T01:59:00Z"),
        ("2016-03-05T21:29:29.243167252Z", "2016-03-05T21:29:29.243167252Z"),
        ("2012-10-09T19:00:55+01:00", "2012-10-09T18:00:55Z"),
        ("2012-10-09T00:30:00-02:30", "2012-10-09T03:00:00Z"),
        ("2024-02-29T23:59:59.5Z", "2024-02-29T23:59:59.5Z"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
        ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"),
    ])
    func validTimestamps(text: String, utc: String) throws {
        let timestamp = try #require(Timestamp(parsing: text))
        #expect(timestamp.description == utc)
    }

    @Test("strings that are not RFC 3339 timestamps", arguments: [
        "", "2016-03-14", "2016-03-14T01:59:00", "2016-03-14 01:59:00Z", "2016-03-14t01:59:00Z",
        "2016-03-14T01:59:00z", "2016-13-05T21:29:29Z", "2016-12-05T25:29:29Z", "05-12-2016T21:29:29Z",
        "2023-02-29T00:00:00Z", "2016-03-14T01:59Z", "2016-03-14T01:59:60Z", "2016-03-14T01:59:00.Z",
        "2016-03-14T01:59:00.1234567891Z", "2016-03-14T01:59:00+1:00", "2016-03-14T01:59:00+19:00",
        "2016-03-14T01:59:00Z ", "2023-02-24 12:15:56.832957",
    ])
    func invalidTimestamps(text: String) {
        #expect(Timestamp(parsing: text) == nil)
    }

    @Test("timestamps order by instant")
    func timestampOrder() throws {
        let early = try #require(Timestamp(parsing: "2020-01-01T00:00:00+01:00"))
        let late = try #require(Timestamp(parsing: "2020-01-01T00:00:00Z"))
        #expect(early < late)
        #expect(Timestamp(parsing: "2020-01-01T01:00:00+01:00") == late)
        #expect(late.date.timeIntervalSince1970 == 1_577_836_800)
    }
}
