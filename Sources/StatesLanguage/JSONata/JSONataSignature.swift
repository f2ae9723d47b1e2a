/// A JSONata function signature such as `<s-nn?:s>`: which argument types a function
/// takes, which are optional (`?`), repeatable (`+`) or filled from the context (`-`).
///
/// Validation follows JSONata's: an undefined argument fits any parameter, a value passed
/// for an array parameter becomes a one-item array, and a missing context parameter takes
/// the context value.
struct JSONataSignature: Sendable {
    struct Parameter: Sendable {
        var symbols: Set<Character>
        var optional = false
        var repeated = false
        var context = false
        var isArray = false
        var subtype: Character?
    }

    var parameters: [Parameter]

    init(_ text: String, position: Int) throws(JSONataError) {
        var params: [Parameter] = []
        let chars = Array(text.dropFirst())  // past "<"
        var i = 0
        func skipAngles() {
            var depth = 0
            while i < chars.count {
                if chars[i] == "<" { depth += 1 }
                if chars[i] == ">" {
                    depth -= 1
                    if depth == 0 { return }
                }
                i += 1
            }
        }
        while i < chars.count, chars[i] != ":", chars[i] != ">" {
            let c = chars[i]
            switch c {
            case "b", "n", "s", "l", "o", "f", "j", "x", "u", "a":
                var p = Parameter(symbols: Self.symbols(for: c))
                p.isArray = c == "a"
                if i + 1 < chars.count, chars[i + 1] == "<" {
                    i += 1
                    if c == "a", i + 1 < chars.count { p.subtype = chars[i + 1] }
                    skipAngles()
                }
                params.append(p)
            case "(":
                var symbols: Set<Character> = []
                i += 1
                while i < chars.count, chars[i] != ")" {
                    if chars[i] == "<" { skipAngles() } else { symbols.formUnion(Self.symbols(for: chars[i])) }
                    i += 1
                }
                params.append(Parameter(symbols: symbols))
            case "?", "+", "-":
                guard !params.isEmpty else {
                    throw .syntax("S0401", "Type parameter can only be applied to functions and arrays", at: position)
                }
                if c == "?" { params[params.count - 1].optional = true }
                if c == "+" { params[params.count - 1].repeated = true }
                if c == "-" {
                    params[params.count - 1].optional = true
                    params[params.count - 1].context = true
                }
            default:
                throw .syntax("S0401", "Unexpected character '\(c)' in function signature", at: position)
            }
            i += 1
        }
        parameters = params
    }

    private static func symbols(for c: Character) -> Set<Character> {
        switch c {
        case "x": ["a", "s", "n", "b", "l", "f", "o"]
        case "j": ["a", "s", "n", "b", "l", "o"]
        case "u": ["b", "n", "s", "l"]
        case "a": ["a", "s", "n", "b", "l", "f", "o"]
        default: [c]
        }
    }

    /// The arguments checked against the signature, context filled in and singletons
    /// wrapped for array parameters.
    func validate(_ arguments: [JValue?], context: JValue?, name: String) throws(JSONataError) -> [JValue?] {
        let supplied = arguments.map { JValue.symbol($0) }
        guard let counts = match(supplied, 0, 0) else {
            var good = 0
            for (i, s) in supplied.enumerated() where i < parameters.count && (parameters[i].symbols.contains(s) || s == "m") {
                good = i + 1
            }
            throw JSONataError("T0410", "Argument \(min(good, supplied.count - 1) + 1) of function \(name) does not match function signature")
        }
        var validated: [JValue?] = []
        var argIndex = 0
        for (param, count) in zip(parameters, counts) {
            if count == 0 {
                if param.context {
                    let symbol = JValue.symbol(context)
                    guard symbol == "m" || param.symbols.contains(symbol) else {
                        throw JSONataError("T0411", "Context value is not a compatible type with argument \(argIndex + 1) of function \(name)")
                    }
                    validated.append(context)
                }
                continue
            }
            for _ in 0..<count {
                let arg = arguments[argIndex]
                if param.isArray, let value = arg {
                    var items: [JValue]
                    if case .array(let a) = value { items = a.items } else { items = [value] }
                    if let subtype = param.subtype {
                        let ok = items.allSatisfy { JValue.symbol($0) == subtype }
                        guard ok else {
                            throw JSONataError("T0412", "Argument \(argIndex + 1) of function \(name) must be an array of \(Self.typeName(subtype))")
                        }
                    }
                    if case .array = value { validated.append(value) } else { validated.append(.array(JArray(items))) }
                } else {
                    validated.append(arg)
                }
                argIndex += 1
            }
        }
        return validated
    }

    /// How many arguments each parameter takes, as a greedy regular expression would.
    private func match(_ supplied: [Character], _ p: Int, _ a: Int) -> [Int]? {
        if p == parameters.count { return a == supplied.count ? [] : nil }
        let param = parameters[p]
        var maxCount = 0
        while a + maxCount < supplied.count, param.symbols.contains(supplied[a + maxCount]) || supplied[a + maxCount] == "m" {
            maxCount += 1
            if !param.repeated { break }
        }
        let minCount = param.optional ? 0 : 1
        var count = maxCount
        while count >= minCount {
            if let rest = match(supplied, p + 1, a + count) { return [count] + rest }
            count -= 1
        }
        return nil
    }

    private static func typeName(_ symbol: Character) -> String {
        switch symbol {
        case "s": "strings"
        case "n": "numbers"
        case "b": "booleans"
        case "o": "objects"
        case "a": "arrays"
        case "f": "functions"
        default: "values"
        }
    }
}
