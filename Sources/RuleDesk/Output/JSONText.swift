import LuaRuntime

/// JSON text for values, with keys sorted so that the same decision always prints the same bytes.
/// Integers print without a decimal point, floats always with one; non-ASCII text is kept as is.
public enum JSONText {
    /// A value as compact JSON.
    public static func encode(_ value: LuaValue) -> String {
        var out = ""
        write(value, to: &out)
        return out
    }

    /// An object whose keys keep the given order, each value already JSON.
    public static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { quote($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
    }

    static func write(_ value: LuaValue, to out: inout String) {
        switch value {
        case .nil: out += "null"
        case .boolean(let b): out += b ? "true" : "false"
        case .integer(let i): out += String(i)
        case .number(let d): out += number(d)
        case .string(let s): out += quote(s)
        case .array(let elements):
            out += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { out += ", " }
                write(element, to: &out)
            }
            out += "]"
        case .table(let fields):
            out += "{"
            for (index, key) in fields.keys.sorted().enumerated() {
                if index > 0 { out += ", " }
                out += quote(key) + ": "
                write(fields[key]!, to: &out)
            }
            out += "}"
        }
    }

    /// Whole floats below 1e15 as `800.0`, others in the shortest of %.15g, %.16g, %.17g that reads back —
    /// the same bytes as the C encoder the batch uses.
    static func number(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d.rounded() == d, abs(d) < 1e15 { return String(format: "%.1f", d) }
        for precision in 15...17 {
            let text = String(format: "%.\(precision)g", d)
            if Double(text) == d { return text }
        }
        return String(format: "%.17g", d)
    }

    /// A JSON string literal.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
