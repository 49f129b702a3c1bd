import Crypto
import Foundation

/// The random secrets the workspace hands out (session cookies, CSRF tokens, API tokens, sign-in codes, signing
/// keys) and the one-way form it stores of them.
enum SecretText {
    /// 32 random bytes from the system's secure generator, base64url without padding (43 characters).
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// SHA-256 of `text`, lowercase hex: what is stored instead of a high-entropy secret.
    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
