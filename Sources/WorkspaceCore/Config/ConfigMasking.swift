/// Hides secret-looking values when configuration is shown: keys named like credentials (the agent's own list, and
/// any name ``SecretRedaction`` calls secret in any case or separator), every value below an `env:` or `headers:`
/// block, values the schema marks secret, and URL passwords and credential query parameters in any string.
/// `${VAR}` references are not secrets and stay readable.
public struct ConfigMasking: Sendable {
    /// Key names whose values are always masked.
    public static let secretKeyNames: Set<String> = [
        "api_key", "apikey", "key", "token", "access_token", "refresh_token", "id_token", "secret", "client_secret",
        "password", "passwd", "auth", "authorization", "private_key", "bearer", "jwt", "password_hash",
    ]

    private let schema: ConfigSchema

    /// Masks with the help of `schema`'s secret flags.
    public init(schema: ConfigSchema = .hermes) {
        self.schema = schema
    }

    /// `value` with secrets masked, and the dotted paths that were masked.
    public func masked(_ value: OrderedJSON) -> (value: OrderedJSON, maskedPaths: [String]) {
        var paths: [String] = []
        let result = mask(value, path: [], into: &paths)
        return (result, paths)
    }

    /// Whether the value at `path` is treated as a secret.
    public func isSecret(_ path: [String]) -> Bool {
        guard let last = path.last else { return false }
        if Self.secretKeyNames.contains(last.lowercased()) || SecretRedaction.isSecretName(last) { return true }
        if path.dropLast().contains(where: SecretRedaction.isSecretBlock) { return true }
        // An item of a list named like a secret (`api_keys: [...]`).
        if Int(last) != nil, let parent = path.dropLast().last, SecretRedaction.isSecretName(parent) { return true }
        return schema.schema(at: path[...])?.isSecret == true
    }

    private func mask(_ value: OrderedJSON, path: [String], into paths: inout [String]) -> OrderedJSON {
        switch value {
        case .object(let members):
            return .object(members.map { .init($0.key, mask($0.value, path: path + [$0.key], into: &paths)) })
        case .array(let items):
            return .array(items.enumerated().map { mask($1, path: path + [String($0)], into: &paths) })
        case .string(let text) where !text.isEmpty && isSecret(path) && !EnvReference.isReference(text):
            paths.append(path.joined(separator: "."))
            return .string(SecretMask.mask(text))
        case .string(let text):
            let masked = SecretRedaction.maskingURLCredentials(in: text)
            if masked != text { paths.append(path.joined(separator: ".")) }
            return .string(masked)
        default:
            return value
        }
    }

}
