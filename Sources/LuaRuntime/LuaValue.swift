/// A Lua value as data: what crosses between Swift and Lua.
///
/// Integers and floats stay distinct (`3` and `3.0` are different values), strings are UTF-8, and tables
/// are either arrays (keys `1...n`) or maps with string keys. Functions, userdata and threads are not data;
/// converting them is a ``LuaError`` of kind ``LuaError/Kind/badValue``.
///
/// ```swift
/// let row: LuaValue = ["count": 2, "names": ["a", "b"]]
/// ```
public indirect enum LuaValue: Sendable, Hashable {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([LuaValue])
    case table([String: LuaValue])
}

extension LuaValue {
    /// The string, or nil for any other kind of value.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The integer, or the float when it is a whole number; nil otherwise.
    public var integerValue: Int64? {
        switch self {
        case .integer(let i): return i
        case .number(let d) where d.rounded() == d && abs(d) < 9.0e18: return Int64(d)
        default: return nil
        }
    }

    /// The number as a `Double`, integers included; nil otherwise.
    public var doubleValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }

    /// The boolean, or nil for any other kind of value.
    public var boolValue: Bool? {
        if case .boolean(let b) = self { return b }
        return nil
    }

    /// The array's elements; an empty map counts as an empty array.
    public var arrayValue: [LuaValue]? {
        switch self {
        case .array(let a): return a
        case .table(let t) where t.isEmpty: return []
        default: return nil
        }
    }

    /// The map's entries; an empty array counts as an empty map.
    public var tableValue: [String: LuaValue]? {
        switch self {
        case .table(let t): return t
        case .array(let a) where a.isEmpty: return [:]
        default: return nil
        }
    }

    /// Whether this is `nil`.
    public var isNil: Bool { self == .nil }

    /// The value at `key` of a map, `.nil` for anything else.
    public subscript(key: String) -> LuaValue {
        tableValue?[key] ?? .nil
    }
}

extension LuaValue: ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: LuaValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, LuaValue)...) {
        self = .table(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
