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

    /// What a state machine ARN's optional last part names: `…:stateMachine:NAME:3` is
    /// version 3, `…:stateMachine:NAME:prod` the alias `prod`.
    public enum StateMachineQualifier: Sendable, Equatable {
        case none
        case version(Int)
        case alias(String)
    }

    /// Splits a state machine ARN into the state machine's own ARN and its qualifier
    /// (nil when `arn` is no state machine ARN, or has more than one qualifier).
    public func splitStateMachine(_ arn: String) -> (machineArn: String, qualifier: StateMachineQualifier)? {
        guard let parsed = parse(arn), parsed.type == "stateMachine" else { return nil }
        let parts = parsed.rest.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return (arn, .none)
        case 2:
            guard !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
            let machineArn = String(arn.dropLast(parts[1].count + 1))
            if parts[1].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isNumber), let number = Int(parts[1]) {
                return (machineArn, .version(number))
            }
            return (machineArn, .alias(String(parts[1])))
        default: return nil
        }
    }

    /// AWS's rule for alias names: 1–80 letters, digits, `-`, `_` and `.`, not all digits
    /// (an all-digit qualifier names a version).
    public static func isValidAliasName(_ name: String) -> Bool {
        guard (1...80).contains(name.count) else { return false }
        var nonDigit = false
        for scalar in name.unicodeScalars {
            switch scalar {
            case "0"..."9": break
            case "a"..."z", "A"..."Z", "-", "_", ".": nonDigit = true
            default: return false
            }
        }
        return nonDigit
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
