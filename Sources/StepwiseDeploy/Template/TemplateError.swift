/// Why a template cannot be planned, and where.
///
/// Mirrors CloudFormation's "Template format error" and validation messages, with the
/// location inside the template (`Resources/RequestorQueue/Properties/RedrivePolicy`) so the
/// user can find the offending property.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem.
    public struct Code: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }

        /// The text is not valid YAML or JSON.
        public static let syntax: Code = "SyntaxError"
        /// The template's structure is wrong (CloudFormation's "Template format error").
        public static let format: Code = "TemplateFormatError"
        /// A `Ref`, `Fn::GetAtt` or `Fn::Sub` variable names nothing in the template.
        public static let unresolved: Code = "UnresolvedReference"
        /// Resources depend on each other in a cycle.
        public static let circularDependency: Code = "CircularDependency"
        /// A parameter value is missing or breaks its constraints.
        public static let parameter: Code = "ParameterValidation"
        /// A property has the wrong type or value.
        public static let invalidProperty: Code = "InvalidProperty"
        /// The template uses a feature a local deploy cannot provide (`Fn::ImportValue`, S3 code…).
        public static let unsupported: Code = "Unsupported"
        /// A file the template names (`DefinitionUri`) cannot be read.
        public static let file: Code = "FileError"
    }

    public var code: Code
    /// Where in the template, as slash-separated keys: `Resources/Queue/Properties/RedrivePolicy`.
    /// Empty for the whole template.
    public var location: String
    public var message: String

    public init(_ code: Code, at location: TemplatePath, _ message: String) {
        self.code = code
        self.location = location.description
        self.message = message
    }

    public var description: String {
        location.isEmpty ? message : "\(location): \(message)"
    }
}

/// A location inside a template: the keys (and list indexes) from the top.
public struct TemplatePath: Sendable, Hashable, CustomStringConvertible, ExpressibleByArrayLiteral {
    public var components: [String]

    public init(_ components: [String] = []) { self.components = components }
    public init(arrayLiteral elements: String...) { self.components = elements }

    /// The path one key deeper.
    public func appending(_ key: String) -> TemplatePath { TemplatePath(components + [key]) }
    /// The path one list index deeper.
    public func appending(_ index: Int) -> TemplatePath { TemplatePath(components + [String(index)]) }

    public static func / (lhs: TemplatePath, rhs: String) -> TemplatePath { lhs.appending(rhs) }
    public static func / (lhs: TemplatePath, rhs: Int) -> TemplatePath { lhs.appending(rhs) }

    public var description: String { components.joined(separator: "/") }
}
