import StatesLanguage

/// Where a stack is deployed: the values of CloudFormation's pseudo parameters and what the
/// default resolver needs to build AWS-shaped names.
public struct DeploymentConfiguration: Sendable, Equatable {
    /// The stack's name (`AWS::StackName`); generated physical names start with it.
    public var stackName: String
    /// `AWS::Region`.
    public var region: String
    /// `AWS::AccountId`.
    public var accountId: String
    /// `AWS::Partition`.
    public var partition: String
    /// `AWS::URLSuffix`.
    public var urlSuffix: String
    /// The local server's base URL; queue URLs are `endpoint/ACCOUNT/NAME`.
    public var endpoint: String

    public init(stackName: String, region: String = "us-east-1", accountId: String = "123456789012",
                partition: String = "aws", urlSuffix: String = "amazonaws.com",
                endpoint: String = "http://127.0.0.1:8083") {
        self.stackName = stackName
        self.region = region
        self.accountId = accountId
        self.partition = partition
        self.urlSuffix = urlSuffix
        self.endpoint = endpoint
    }

    /// `AWS::StackId`: a CloudFormation stack ARN whose ID part is derived from the stack name,
    /// so that planning the same stack twice gives the same ID.
    public var stackId: String {
        "arn:\(partition):cloudformation:\(region):\(accountId):stack/\(stackName)/\(StableHash.uuid(stackName))"
    }

    /// The values `Ref` gives for the pseudo parameters (all but `AWS::NoValue`, which removes the
    /// property instead).
    var pseudoParameters: [String: JSON] {
        [
            "AWS::Region": .string(region),
            "AWS::AccountId": .string(accountId),
            "AWS::Partition": .string(partition),
            "AWS::StackName": .string(stackName),
            "AWS::StackId": .string(stackId),
            "AWS::URLSuffix": .string(urlSuffix),
            "AWS::NotificationARNs": .array([]),
        ]
    }

    static let noValue = "AWS::NoValue"
}

/// Deterministic short identifiers, so generated names survive a second deploy unchanged
/// (CloudFormation keeps a resource's generated name for the life of the stack).
enum StableHash {
    /// 64-bit FNV-1a.
    static func fnv1a(_ text: String, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = seed
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// `count` uppercase letters and digits, like CloudFormation's generated-name suffixes.
    static func suffix(_ text: String, count: Int = 12) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var out = ""
        var hash = fnv1a(text)
        var round: UInt64 = 1
        while out.count < count {
            if hash == 0 { hash = fnv1a(text + String(round), seed: 0x8422_2325_cbf2_9ce4); round += 1 }
            out.append(alphabet[Int(hash % 36)])
            hash /= 36
        }
        return out
    }

    /// A UUID-shaped string (8-4-4-4-12 lowercase hex) derived from `text`.
    static func uuid(_ text: String) -> String {
        let a = String(fnv1a(text), radix: 16).leftPadded(16)
        let b = String(fnv1a(text, seed: 0x1234_5678_9abc_def1), radix: 16).leftPadded(16)
        let hex = Array(a + b)
        func part(_ range: Range<Int>) -> String { String(hex[range]) }
        return [part(0..<8), part(8..<12), part(12..<16), part(16..<20), part(20..<32)].joined(separator: "-")
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
