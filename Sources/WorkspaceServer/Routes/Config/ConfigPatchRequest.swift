import WorkspaceCore

/// `PATCH /config`: `{"operations":[{"path":"a.b","value":…} | {"path":["a","b.c"],"delete":true}], "dryRun":false}`,
/// or the operations array alone. Parsed into ``OrderedJSON`` so values keep their key order and number kinds.
struct ConfigPatchRequest {
    var edits: [ConfigEdit]
    var dryRun: Bool

    init(body: OrderedJSON) throws {
        let operations: [OrderedJSON]
        switch body {
        case .array(let items):
            operations = items
            dryRun = false
        case .object:
            guard case .array(let items)? = body.member("operations") else { throw Self.invalid("`operations` must be a list") }
            operations = items
            switch body.member("dryRun") {
            case nil, .null?: dryRun = false
            case .bool(let flag)?: dryRun = flag
            default: throw Self.invalid("`dryRun` must be true or false")
            }
        default:
            throw Self.invalid("the body must be an object with `operations`, or a list of operations")
        }
        guard (1...200).contains(operations.count) else { throw Self.invalid("send 1 to 200 operations") }
        edits = try operations.enumerated().map { index, operation in try Self.edit(operation, index: index) }
    }

    private static func edit(_ operation: OrderedJSON, index: Int) throws -> ConfigEdit {
        let path: [String]
        switch operation.member("path") {
        case .string(let dotted)?: path = dotted.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        case .array(let parts)?:
            path = try parts.map { part in
                guard case .string(let text) = part else { throw invalid("operations[\(index)].path must hold only strings") }
                return text
            }
        default: throw invalid("operations[\(index)].path must be a dotted string or a list of keys")
        }
        guard !path.isEmpty, path.count <= 32, path.allSatisfy({ !$0.isEmpty && $0.count <= 256 }) else {
            throw invalid("operations[\(index)].path must name 1 to 32 non-empty keys")
        }
        switch (operation.member("value"), operation.member("delete")) {
        case (let value?, nil), (let value?, .bool(false)?): return ConfigEdit(path: path, operation: .set(value))
        case (nil, .bool(true)?): return ConfigEdit(path: path, operation: .delete)
        default: throw invalid("operations[\(index)] must have either `value` or `\"delete\": true`")
        }
    }

    private static func invalid(_ message: String) -> APIError {
        APIError(.badRequest, code: "invalid_input", message: "Invalid PATCH body: \(message).")
    }
}

extension OrderedJSON {
    /// The value of `key` when this is an object.
    func member(_ key: String) -> OrderedJSON? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }
}
