import Foundation

/// How secret values are shown: at most the last four characters of a long value (`••••cdef`), nothing of a value
/// under 20 characters (a 12-character secret must not lose 8 of its characters to the screen).
public enum SecretMask {
    /// Values shorter than this are masked completely.
    public static let minimumRevealingLength = 20

    /// The masked form of `value`.
    public static func mask(_ value: String) -> String {
        guard value.count >= minimumRevealingLength else { return String(repeating: "•", count: 8) }
        return String(repeating: "•", count: 4) + String(value.suffix(4))
    }
}

/// Recognises secrets by what they are called and how they are written, wherever a value is shown: names that
/// say token, key, secret, password, auth, credential or cookie in any case and with any separator
/// (`openai_api_key`, `client-secret`, `X-Api-Key`, `accessToken`), passwords in URL userinfo
/// (`socks5://user:pass@host`) and credential-like query parameters (`?access_token=…`, `&key=…`).
public enum SecretRedaction {
    /// Words that make a name secret when the name holds them as a word (`key`, `api_key`, `x-api-key`, but not `monkey`).
    private static let secretWords: Set<String> = [
        "key", "keys", "apikey", "auth", "authorization", "oauth", "pat", "pwd", "passwd", "bearer",
        "jwt", "pin", "otp", "dsn", "signature", "sig", "salt", "hmac", "privatekey",
    ]
    /// Fragments that make a name secret wherever they stand in it (`accessToken`, `client_secret`, `db_password`).
    private static let secretFragments = ["token", "secret", "password", "passphrase", "credential", "cookie", "apikey", "privatekey", "sessionkey"]
    /// Names that hold those fragments but count things rather than hide them.
    private static let countingNames = ["maxtokens", "mintokens", "tokenizer", "tokenlimit", "tokenbudget", "tokencount", "tokens"]
    /// Query parameters whose value is a credential.
    private static let secretParameters: Set<String> = [
        "token", "access_token", "accesstoken", "key", "api_key", "apikey", "secret", "password",
        "pass", "auth", "sig", "signature", "code", "client_secret", "refresh_token", "id_token",
    ]

    /// Whether a value called `name` is a secret.
    public static func isSecretName(_ name: String) -> Bool {
        let words = Self.words(of: name)
        if words.contains(where: secretWords.contains) { return true }
        let joined = words.joined()
        if countingNames.contains(where: { joined.hasSuffix($0) || joined == $0 }) && !joined.contains("secret") && !joined.contains("password") {
            return false
        }
        return secretFragments.contains { joined.contains($0) }
    }

    /// Whether names below a key called `name` are all secret (`env:` and `headers:` blocks of MCP servers and providers).
    public static func isSecretBlock(_ name: String) -> Bool {
        ["env", "environment", "headers", "httpheaders", "extraheaders", "secrets", "credentials"].contains(words(of: name).joined())
    }

    /// `text` with URL passwords and credential query parameters masked; everything else as it was.
    public static func maskingURLCredentials(in text: String) -> String {
        guard text.contains("@") || text.contains("=") else { return text }
        var result = text
        // scheme://user:password@host → scheme://user:••••••••@host
        if let userinfo = try? NSRegularExpression(pattern: #"([A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]*:)([^/\s@]+)(@)"#) {
            result = userinfo.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result), withTemplate: "$1••••••••$3")
        }
        if let query = try? NSRegularExpression(pattern: #"([?&;])([A-Za-z_-]+)=([^&#\s"']+)"#) {
            let source = result
            var output = ""
            var last = source.startIndex
            for match in query.matches(in: source, range: NSRange(source.startIndex..., in: source)) {
                guard let nameRange = Range(match.range(at: 2), in: source),
                    let valueRange = Range(match.range(at: 3), in: source)
                else { continue }
                let name = source[nameRange].lowercased()
                guard secretParameters.contains(name) || isSecretName(name) else { continue }
                output += source[last..<valueRange.lowerBound] + SecretMask.mask(String(source[valueRange]))
                last = valueRange.upperBound
            }
            output += source[last...]
            result = output
        }
        return result
    }

    /// A YAML document's text with secret values masked line by line: values of keys with secret names, every
    /// value below `env:`/`headers:`, URL passwords and credential query parameters anywhere. `${VAR}` references
    /// stay readable. For diffs and history of `config.yaml`, which would otherwise show secrets in changed lines.
    public static func maskingYAML(_ text: String) -> String {
        var stack: [(indent: Int, key: String)] = []
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(maskedYAMLLine(String(line), stack: &stack))
        }
        return lines.joined(separator: "\n")
    }

    private static func maskedYAMLLine(_ line: String, stack: inout [(indent: Int, key: String)]) -> String {
        let trimmed = line.drop { $0 == " " }
        let indent = line.count - trimmed.count
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return line }
        var content = Substring(trimmed)
        var itemIndent = indent
        if content.hasPrefix("- ") {
            content = content.dropFirst(2).drop { $0 == " " }
            itemIndent = line.count - content.count
        } else if content == "-" {
            return line
        }
        while let last = stack.last, last.indent >= indent { stack.removeLast() }
        let parents = stack.map(\.key)
        guard let colon = keyColon(in: content) else {
            // A bare list item: a secret when its list is.
            if itemIndent != indent, parents.last.map({ isSecretName($0) || isSecretBlock($0) }) == true {
                return String(line.prefix(itemIndent)) + maskedScalar(String(content))
            }
            return maskingURLCredentials(in: line)
        }
        let key = String(content[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
        let rest = content[content.index(after: colon)...]
        let value = rest.trimmingCharacters(in: .whitespaces)
        if value.isEmpty || value.range(of: #"^[|>][+-]?[0-9]?$"#, options: .regularExpression) != nil {
            stack.append((itemIndent, key))
            return line
        }
        let secret = isSecretName(key) || parents.contains(where: isSecretBlock) || parents.last.map(isSecretName) == true && itemIndent != indent
        guard secret else { return maskingURLCredentials(in: line) }
        let prefix = line[..<rest.startIndex]
        return String(prefix) + " " + maskedScalar(value)
    }

    /// A scalar as written (quotes, trailing comment) with its value masked, unless it is a `${VAR}` reference.
    private static func maskedScalar(_ written: String) -> String {
        var value = written
        var comment = ""
        if let hash = value.range(of: " #") {
            comment = String(value[hash.lowerBound...])
            value = String(value[..<hash.lowerBound])
        }
        value = value.trimmingCharacters(in: .whitespaces)
        var quote = ""
        if let first = value.first, first == "\"" || first == "'", value.count >= 2, value.last == first {
            quote = String(first)
            value = String(value.dropFirst().dropLast())
        }
        if EnvReference.isReference(value) || value.isEmpty { return written }
        return quote + SecretMask.mask(value) + quote + comment
    }

    /// The colon that ends a mapping key (`key: value` or `key:`), outside quotes.
    private static func keyColon(in content: Substring) -> Substring.Index? {
        var quote: Character?
        var index = content.startIndex
        while index < content.endIndex {
            let character = content[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                if index == content.startIndex { quote = character }
            } else if character == ":" {
                let next = content.index(after: index)
                if next == content.endIndex || content[next] == " " { return index }
            } else if character == "#" || character == "{" || character == "[" {
                return nil
            }
            index = content.index(after: index)
        }
        return nil
    }

    /// The lowercase words of a name: split at separators and at lower-to-upper case changes (`xApiKey` → x, api, key).
    static func words(of name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasLower = false
        for character in name {
            if !character.isLetter && !character.isNumber {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousWasLower = false
                continue
            }
            if character.isUppercase && previousWasLower && !current.isEmpty {
                words.append(current)
                current = ""
            }
            current += character.lowercased()
            previousWasLower = character.isLowercase || character.isNumber
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
