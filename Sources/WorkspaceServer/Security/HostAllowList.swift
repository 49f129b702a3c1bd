import Foundation

/// The host names a request's `Host` header may carry: the bound address's own names plus configured extras.
///
/// This is the DNS-rebinding guard: a page on `evil.example` that resolves to 127.0.0.1 still sends
/// `Host: evil.example`, and is refused.
struct HostAllowList: Sendable {
    private let names: Set<String>

    /// Builds the list for a server bound to `bindHost`, plus `extra` names.
    init(bindHost: String, extra: [String] = []) {
        var names = Set(extra.compactMap { Self.parse(hostHeader: $0)?.host })
        let bound = bindHost.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        switch bound {
        case "127.0.0.1", "::1", "localhost":
            names.formUnion([bound, "localhost"])
            if bound == "localhost" { names.formUnion(["127.0.0.1", "::1"]) }
        case "0.0.0.0", "::":
            names.formUnion(["localhost", "127.0.0.1", "::1", ProcessInfo.processInfo.hostName.lowercased()])
        default:
            names.insert(bound)
        }
        self.names = names
    }

    /// Whether `hostHeader` (with or without a port, IPv6 in brackets) names this server.
    func allows(hostHeader: String) -> Bool {
        guard let parsed = Self.parse(hostHeader: hostHeader) else { return false }
        return names.contains(parsed.host)
    }

    /// Splits a Host header into a lowercased host (IPv6 without brackets, no trailing dot) and an optional port;
    /// `nil` when it is malformed.
    static func parse(hostHeader: String) -> (host: String, port: Int?)? {
        if let plain = parsePlain(hostHeader) { return plain }
        return parseInFull(hostHeader: hostHeader)
    }

    /// The full parse, for any header.
    static func parseInFull(hostHeader: String) -> (host: String, port: Int?)? {
        let value = hostHeader.trimmingCharacters(in: .whitespaces).lowercased()
        guard !value.isEmpty, value.count <= 255 else { return nil }
        var host: Substring
        var portText: Substring?
        if value.hasPrefix("[") {
            guard let closing = value.firstIndex(of: "]") else { return nil }
            host = value[value.index(after: value.startIndex)..<closing]
            let rest = value[value.index(after: closing)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return nil }
                portText = rest.dropFirst()
            }
            guard host.contains(":"), host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return nil }
        } else {
            let parts = value.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { return nil }
            host = parts[0]
            portText = parts.count == 2 ? parts[1] : nil
            guard host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" }) else { return nil }
        }
        var port: Int?
        if let portText {
            guard let number = Int(portText), (1...65535).contains(number), portText.allSatisfy(\.isNumber) else { return nil }
            port = number
        }
        if host.hasSuffix(".") { host = host.dropLast() }
        guard !host.isEmpty else { return nil }
        return (String(host), port)
    }

    /// The common case read from the bytes (what every request pays): a lowercase name or IPv4 address and an
    /// optional port, nothing to trim. Nil for anything else, which ``parse(hostHeader:)`` reads in full.
    static func parsePlain(_ header: String) -> (host: String, port: Int?)? {
        var hostEnd = 0
        var port: Int?
        var digits = 0
        for (index, byte) in header.utf8.enumerated() {
            if port != nil {
                guard byte >= 48, byte <= 57, digits < 5 else { return nil }
                port = port! * 10 + Int(byte - 48)
                digits += 1
            } else if byte == UInt8(ascii: ":") {
                hostEnd = index
                port = 0
            } else {
                let allowed =
                    (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                    || byte == UInt8(ascii: "_")
                guard allowed else { return nil }
                hostEnd = index + 1
            }
        }
        if let port { guard digits > 0, (1...65535).contains(port) else { return nil } }
        var host = header.utf8.prefix(hostEnd)
        if host.last == UInt8(ascii: ".") { host = host.dropLast() }
        guard !host.isEmpty, header.utf8.count <= 255 else { return nil }
        return (String(host)!, port)
    }

    /// Whether `host` is a loopback address or name.
    static func isLoopback(_ host: String) -> Bool {
        let bare = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return bare == "localhost" || bare == "::1" || bare.hasPrefix("127.")
    }
}
