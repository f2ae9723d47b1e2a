/// The text of an `Fn::Sub`, split into literal text and `${…}` variables once.
///
/// Matches CloudFormation: `${Name}` and `${Resource.Attribute}` are variables, `${!Literal}`
/// writes `${Literal}` unchanged, and a `${` with no closing `}` is literal text.
struct SubTemplate: Sendable, Equatable {
    enum Part: Sendable, Equatable {
        case literal(String)
        case variable(String)
    }

    var parts: [Part]

    init(_ text: String) {
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            literal += rest[..<start.lowerBound]
            let afterOpen = rest[start.upperBound...]
            guard let close = afterOpen.firstIndex(of: "}") else {
                literal += rest[start.lowerBound...]
                rest = ""
                break
            }
            let name = afterOpen[..<close]
            if name.hasPrefix("!") {
                literal += "${" + name.dropFirst() + "}"
            } else {
                if !literal.isEmpty { parts.append(.literal(literal)) }
                literal = ""
                parts.append(.variable(String(name)))
            }
            rest = afterOpen[afterOpen.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
    }

    /// The variable names, in order.
    var variables: [String] {
        parts.compactMap { if case .variable(let name) = $0 { name } else { nil } }
    }
}
