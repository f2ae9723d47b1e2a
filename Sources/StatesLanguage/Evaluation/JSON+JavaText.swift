extension JSON {
    /// The value as Java's `toString` prints the Jackson/`java.util` objects Step
    /// Functions holds: strings raw, objects `{a=1, b=[x, y]}`, lists `[1, 2]`, numbers
    /// as Java prints them. `States.Format` and several AWS messages use this form.
    public var javaText: String {
        var out = ""
        writeJava(to: &out)
        return out
    }

    private func writeJava(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n.description
        case .string(let s): out += s
        case .array(let a):
            out += "["
            for (i, element) in a.enumerated() {
                if i > 0 { out += ", " }
                element.writeJava(to: &out)
            }
            out += "]"
        case .object(let o):
            out += "{"
            var first = true
            for (key, value) in o {
                if !first { out += ", " }
                first = false
                out += key + "="
                value.writeJava(to: &out)
            }
            out += "}"
        }
    }

    /// The Java class Jackson would hold this value in; AWS's path errors name it.
    var javaClassName: String {
        switch self {
        case .null: "null"
        case .bool: "java.lang.Boolean"
        case .number(.int(let i)): Int32(exactly: i) != nil ? "java.lang.Integer" : "java.lang.Long"
        case .number: "java.lang.Double"
        case .string: "java.lang.String"
        case .array: "java.util.ArrayList"
        case .object: "java.util.LinkedHashMap"
        }
    }
}
