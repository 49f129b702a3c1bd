import Foundation

/// A 256-bit random API token, written as 64 lowercase hex characters.
public struct APIToken: Sendable, Equatable, CustomStringConvertible {
    /// The token text as it is sent in `Authorization: Bearer …`.
    public let value: String

    /// Wraps an existing token text.
    public init(value: String) {
        self.value = value
    }

    /// Draws a fresh token from the system's cryptographically secure generator.
    public static func generate() -> APIToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return APIToken(value: bytes.map { String(format: "%02x", $0) }.joined())
    }

    /// Compares `candidate` with the token in time that depends only on the candidate's length.
    public func matches(_ candidate: String) -> Bool {
        let expected = Array(value.utf8)
        let given = Array(candidate.utf8)
        var difference = UInt8(expected.count == given.count ? 0 : 1)
        for index in 0..<given.count {
            difference |= given[index] ^ expected[index % max(expected.count, 1)]
        }
        return difference == 0 && !expected.isEmpty
    }

    /// Never prints the secret.
    public var description: String { "APIToken(redacted)" }
}
