import HTTPTypes

extension HTTPField.Name {
    /// `X-Request-ID`.
    static let requestID = HTTPField.Name("X-Request-ID")!
    /// `X-Hermes-Session-Token`, the header form of the API token.
    static let hermesSessionToken = HTTPField.Name("X-Hermes-Session-Token")!
    /// `X-Hermes-Nonce`: a fresh value the approvals bridge sends, to be covered by the answer's signature.
    static let hermesNonce = HTTPField.Name("X-Hermes-Nonce")!
    /// `X-Hermes-Signature`: the server's HMAC over the bridge's nonce and the answer body.
    static let hermesSignature = HTTPField.Name("X-Hermes-Signature")!
    /// `X-CSRF-Token`, echoed by signed-in browsers on changes.
    static let csrfToken = HTTPField.Name("X-CSRF-Token")!
    /// `X-Forwarded-For`, the client chain a proxy reports.
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
    /// `X-Forwarded-Proto`, the scheme the client used at the proxy.
    static let xForwardedProto = HTTPField.Name("X-Forwarded-Proto")!
    /// `X-Forwarded-Host`, the host the client asked the proxy for.
    static let xForwardedHost = HTTPField.Name("X-Forwarded-Host")!
    /// `Sec-Fetch-Site`, sent by browsers on every request.
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
    /// `Referrer-Policy`.
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    /// `X-Frame-Options`.
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    /// `Last-Event-ID`, sent by a reconnecting `EventSource`.
    static let lastEventID = HTTPField.Name("Last-Event-ID")!
    /// `X-Accel-Buffering`: `no` asks nginx not to buffer an event stream.
    static let xAccelBuffering = HTTPField.Name("X-Accel-Buffering")!
    /// `Cross-Origin-Opener-Policy`.
    static let crossOriginOpenerPolicy = HTTPField.Name("Cross-Origin-Opener-Policy")!
}
