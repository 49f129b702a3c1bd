import Foundation

/// A JSON value that remembers the order of object keys, printed the way Python's `json.dumps` prints it
/// (`indent=2` or compact `separators=(",", ":")`, `ensure_ascii=False`), so files the agent owns keep their exact layout.
public indirect enum OrderedJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([OrderedJSON])
    case object([Member])

    /// One key/value pair of an object.
    public struct Member: Sendable, Equatable {
        /// The key.
        public var key: String
        /// The value.
        public var value: OrderedJSON

        /// Creates a member.
        public init(_ key: String, _ value: OrderedJSON) {
            self.key = key
            self.value = value
        }
    }

    /// Builds an object from ordered pairs.
    public static func object(_ pairs: KeyValuePairs<String, OrderedJSON>) -> OrderedJSON {
        .object(pairs.map { Member($0.key, $0.value) })
    }

    /// A string, or `null` when absent.
    public static func optional(_ text: String?) -> OrderedJSON {
        text.map(OrderedJSON.string) ?? .null
    }

    /// The ways Python's `json.dumps` lays out a document, all with `ensure_ascii=False`.
    public enum Layout: Sendable {
        /// `indent=2`: one member per line (`cron/jobs.json`).
        case indented
        /// The defaults: one line, `", "` and `": "` between tokens (`gateway.pid`).
        case singleLine
        /// `separators=(",", ":")`: no whitespace at all (`gateway_state.json`).
        case compact
    }

    /// The document's text in `layout`; `asciiOnly` escapes every non-ASCII character as `\uXXXX` (surrogate pairs
    /// beyond the BMP), as `json.dumps` does by default (`ensure_ascii=True`, used for `cron/jobs.json`).
    public func rendered(_ layout: Layout = .indented, asciiOnly: Bool = false) -> String {
        var output = ""
        write(into: &output, layout: layout, depth: 0, asciiOnly: asciiOnly)
        return output
    }

    private func write(into output: inout String, layout: Layout, depth: Int, asciiOnly: Bool) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .int(let value): output += String(value)
        case .double(let value): output += Self.format(value)
        case .string(let value): output += Self.quote(value, asciiOnly: asciiOnly)
        case .array(let items):
            Self.writeContainer(items, brackets: ("[", "]"), into: &output, layout: layout, depth: depth) { item, output in
                item.write(into: &output, layout: layout, depth: depth + 1, asciiOnly: asciiOnly)
            }
        case .object(let members):
            Self.writeContainer(members, brackets: ("{", "}"), into: &output, layout: layout, depth: depth) { member, output in
                output += Self.quote(member.key, asciiOnly: asciiOnly) + (layout == .compact ? ":" : ": ")
                member.value.write(into: &output, layout: layout, depth: depth + 1, asciiOnly: asciiOnly)
            }
        }
    }

    private static func writeContainer<Element>(
        _ elements: [Element], brackets: (String, String), into output: inout String,
        layout: Layout, depth: Int, element: (Element, inout String) -> Void
    ) {
        guard !elements.isEmpty else {
            output += brackets.0 + brackets.1
            return
        }
        output += brackets.0
        for (index, item) in elements.enumerated() {
            if index > 0 { output += layout == .singleLine ? ", " : "," }
            if layout == .indented { output += "\n" + String(repeating: " ", count: 2 * (depth + 1)) }
            element(item, &output)
        }
        if layout == .indented { output += "\n" + String(repeating: " ", count: 2 * depth) }
        output += brackets.1
    }

    private static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e16 { return String(format: "%.1f", value) }
        return "\(value)"
    }

    private static func quote(_ text: String, asciiOnly: Bool) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            default:
                if scalar.value < 0x20 || (asciiOnly && scalar.value > 0x7E) {
                    for unit in String(scalar).utf16 { result += String(format: "\\u%04x", unit) }
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
