/// RFC 4648 base32, decoded the way an authenticator app reads a second factor's secret: the tests compute TOTP
/// codes from what the workspace showed.
public enum Base32 {
    /// The text `encoded` stands for, or nil when it is not base32 of UTF-8 text.
    public static func decodedText(_ encoded: String) -> String? {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var bytes: [UInt8] = []
        var (buffer, bits) = (0, 0)
        for character in encoded {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = (buffer << 5) | value
            bits += 5
            if bits >= 8 {
                bytes.append(UInt8((buffer >> (bits - 8)) & 0xff))
                bits -= 8
            }
        }
        return String(bytes: bytes, encoding: .utf8)
    }
}
