/// The ARNs Stepwise hands out, formed as AWS forms them.
public struct ARNs: Sendable {
    public var partition = "aws"
    public var region: String
    public var account: String

    public init(region: String, account: String) {
        self.region = region
        self.account = account
    }

    var prefix: String { "arn:\(partition):states:\(region):\(account)" }

    public func stateMachine(_ name: String) -> String { "\(prefix):stateMachine:\(name)" }
    public func activity(_ name: String) -> String { "\(prefix):activity:\(name)" }
    /// Standard executions: `…:execution:MACHINE:NAME`; Express: `…:express:MACHINE:NAME:UUID`.
    public func execution(machine: String, name: String, express: Bool = false, id: String = "") -> String {
        express ? "\(prefix):express:\(machine):\(name):\(id)" : "\(prefix):execution:\(machine):\(name)"
    }

    /// The resource type and name of a Step Functions ARN of this region and account, or
    /// nil when `arn` is not one (`("stateMachine", "Name")`).
    public func parse(_ arn: String) -> (type: String, rest: String)? {
        let parts = arn.split(separator: ":", maxSplits: 6, omittingEmptySubsequences: false)
        guard parts.count == 7, parts[0] == "arn", parts[2] == "states", !parts[5].isEmpty, !parts[6].isEmpty else { return nil }
        return (String(parts[5]), String(parts[6]))
    }

    /// AWS's rule for names of state machines, executions and activities: 1–80 characters,
    /// no whitespace, brackets, wildcards, special or control characters.
    public static func isValidName(_ name: String) -> Bool {
        guard (1...80).contains(name.count) else { return false }
        let forbidden: Set<Character> = ["<", ">", "{", "}", "[", "]", "?", "*", "\"", "#", "%", "\\", "^", "|", "~", "`", "$", "&", ",", ";", ":", "/"]
        for scalar in name.unicodeScalars {
            if scalar.properties.isWhitespace || scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { return false }
            if forbidden.contains(Character(scalar)) { return false }
        }
        return true
    }
}
