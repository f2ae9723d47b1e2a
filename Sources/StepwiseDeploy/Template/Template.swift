import StatesLanguage

/// A SAM or CloudFormation template, parsed but not yet evaluated.
///
/// YAML short-form tags are already expanded to their long JSON form (`!Ref X` is
/// `{"Ref": "X"}`, `!GetAtt A.B` is `{"Fn::GetAtt": ["A", "B"]}`), so YAML and JSON templates
/// give the same model. Values are kept as ``JSON`` with the intrinsic functions still in them;
/// ``DeploymentPlanner`` evaluates them.
public struct Template: Sendable, Equatable {
    /// `AWSTemplateFormatVersion`, when given.
    public var formatVersion: String?
    /// `Description`, when given.
    public var description: String?
    /// `Transform`: the macros the template asks for (`AWS::Serverless-2016-10-31`).
    public var transforms: [String]
    /// `Parameters`, in template order.
    public var parameters: [ParameterDeclaration]
    /// `Mappings`: map name → top-level key → second-level key → value.
    public var mappings: JSONObject
    /// `Conditions`: condition name → condition function, unevaluated.
    public var conditions: JSONObject
    /// SAM's `Globals`: section name (`Function`, `StateMachine`…) → properties.
    public var globals: JSONObject
    /// `Resources`, in template order.
    public var resources: [ResourceDeclaration]
    /// `Outputs`, in template order.
    public var outputs: [OutputDeclaration]

    /// Whether `Transform` includes SAM's `AWS::Serverless-2016-10-31`.
    public var isServerless: Bool { transforms.contains(Template.serverlessTransform) }

    /// The transform that enables `AWS::Serverless::*` resources and `Globals`.
    public static let serverlessTransform = "AWS::Serverless-2016-10-31"

    /// The resource with this logical ID.
    public func resource(_ logicalId: String) -> ResourceDeclaration? {
        resources.first { $0.logicalId == logicalId }
    }
}

/// One entry of `Resources`.
public struct ResourceDeclaration: Sendable, Equatable {
    /// The key under `Resources`.
    public var logicalId: String
    /// `Type`, e.g. `AWS::SQS::Queue`.
    public var type: String
    /// `Properties` (empty when absent), unevaluated.
    public var properties: JSONObject
    /// `DependsOn`, as a list.
    public var dependsOn: [String]
    /// `Condition`: the resource exists only when this condition is true.
    public var condition: String?

    public init(logicalId: String, type: String, properties: JSONObject, dependsOn: [String] = [],
                condition: String? = nil) {
        self.logicalId = logicalId
        self.type = type
        self.properties = properties
        self.dependsOn = dependsOn
        self.condition = condition
    }

    /// Where this resource's properties are, for error messages.
    public var propertiesPath: TemplatePath { ["Resources", logicalId, "Properties"] }
}

/// One entry of `Parameters`.
public struct ParameterDeclaration: Sendable, Equatable {
    /// The key under `Parameters`.
    public var name: String
    /// `Type`: `String`, `Number`, `List<Number>`, `CommaDelimitedList`, `AWS::…` types.
    public var type: String
    /// `Default`, as text (numbers and booleans written as CloudFormation would).
    public var defaultValue: String?
    /// `AllowedValues`, as text.
    public var allowedValues: [String]?
    /// `AllowedPattern`: a regular expression the whole value must match.
    public var allowedPattern: String?
    /// `MinLength` / `MaxLength` for `String` parameters.
    public var minLength: Int?
    public var maxLength: Int?
    /// `MinValue` / `MaxValue` for `Number` parameters.
    public var minValue: Double?
    public var maxValue: Double?
    /// `NoEcho`: the value is masked when the plan is printed.
    public var noEcho: Bool
    /// `ConstraintDescription`: said instead of the generic message when a constraint fails.
    public var constraintDescription: String?
}

/// One entry of `Outputs`.
public struct OutputDeclaration: Sendable, Equatable {
    /// The key under `Outputs`.
    public var name: String
    /// `Value`, unevaluated.
    public var value: JSON
    /// `Description`, unevaluated (it may use intrinsics too).
    public var description: JSON?
    /// `Condition`: the output exists only when this condition is true.
    public var condition: String?
    /// `Export.Name`, unevaluated; exports have no local meaning and are only reported.
    public var exportName: JSON?
}
