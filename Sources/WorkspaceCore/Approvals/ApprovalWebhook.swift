import Crypto
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Tells an operator-configured URL (a phone push service, a team chat's incoming webhook, a script) that a request
/// waits: one JSON POST per new pending request, signed, retried with backoff, never carrying the action text
/// (a command can hold secrets) — the tool, the agent's description, where it asks, when it expires and a link.
///
/// `X-Hermes-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>." + body)>` lets the receiver check both
/// origin and freshness; `X-Hermes-Delivery` is the same for every retry of one notice. Sent with Foundation's URL
/// loading (libcurl on Linux: https without another dependency).
public struct ApprovalWebhook: Sendable {
    /// Where to post.
    public let url: URL
    private let secret: Data
    /// Delays before the second, third… attempt.
    public var backoff: [Duration] = [.seconds(1), .seconds(4), .seconds(15)]
    /// Seconds one attempt may take.
    public var attemptTimeout: TimeInterval = 5
    /// The Approvals tab's address, for the link (nil: no link).
    public var approvalsPage: URL?

    /// A webhook to `url` signed with `secret`.
    public init(url: URL, secret: Data, approvalsPage: URL? = nil) throws {
        guard let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host?.isEmpty == false else {
            throw WorkspaceError.invalidInput("The webhook URL must be http:// or https:// with a host.")
        }
        guard secret.count >= 16 else { throw WorkspaceError.invalidInput("The webhook secret must be at least 16 bytes.") }
        self.url = url
        self.secret = secret
        self.approvalsPage = approvalsPage
    }

    /// The secret kept in `workspace/webhook.key` (0600), made on first use: what a receiver verifies with.
    public static func secret(home: HermesHome) throws -> Data {
        let file = home.root.appendingPathComponent("workspace/webhook.key")
        if let text = try? String(contentsOf: file, encoding: .utf8),
            let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
            data.count >= 16
        {
            return data
        }
        let fresh = Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try AtomicFileWriter(forcedMode: 0o600).write(Data((fresh.base64EncodedString() + "\n").utf8), to: file)
        return fresh
    }

    /// The notice for `request`, as sent.
    public func body(for request: ApprovalRequest) -> Data {
        var members: [OrderedJSON.Member] = [
            .init("type", .string("approval.requested")), .init("id", .string(request.id)), .init("tool", .string(request.tool)),
            .init("description", .string(request.description ?? request.risks.joined(separator: "; "))),
            .init("patternKeys", .array(request.patternKeys.map(OrderedJSON.string))),
            .init("choices", .array(request.choices.map(OrderedJSON.string))),
            .init("createdAt", .string(request.createdAt.ISO8601Format())),
            .init("expiresAt", .string(request.expiresAt.ISO8601Format())),
        ]
        if let surface = request.surface { members.append(.init("surface", .string(surface))) }
        if let platform = request.platform { members.append(.init("platform", .string(platform))) }
        if let page = approvalsPage { members.append(.init("link", .string(page.absoluteString))) }
        return Data(OrderedJSON.object(members).rendered(.compact).utf8)
    }

    /// `t=…,v1=…` for `body` at `time`.
    public func signature(_ body: Data, at time: Date) -> String {
        let stamp = String(Int(time.timeIntervalSince1970))
        let mac = HMAC<SHA256>.authenticationCode(for: Data((stamp + ".").utf8) + body, using: SymmetricKey(data: secret))
        return "t=\(stamp),v1=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Posts the notice for `request`, retrying on network errors, 408, 429 and 5xx. Returns the number of
    /// attempts and whether one was accepted (2xx).
    @discardableResult
    public func deliver(_ request: ApprovalRequest) async -> (attempts: Int, delivered: Bool) {
        let body = body(for: request)
        let delivery = UUID().uuidString.lowercased()
        var attempt = 0
        while true {
            attempt += 1
            var post = URLRequest(url: url, timeoutInterval: attemptTimeout)
            post.httpMethod = "POST"
            post.httpBody = body
            post.setValue("application/json", forHTTPHeaderField: "Content-Type")
            post.setValue("approval.requested", forHTTPHeaderField: "X-Hermes-Event")
            post.setValue(delivery, forHTTPHeaderField: "X-Hermes-Delivery")
            post.setValue(signature(body, at: Date()), forHTTPHeaderField: "X-Hermes-Signature")
            post.setValue("hermes-workspace/\(WorkspaceVersion.current)", forHTTPHeaderField: "User-Agent")
            let status = await Self.send(post)
            if let status, (200..<300).contains(status) { return (attempt, true) }
            let retryable = status.map { $0 == 408 || $0 == 429 || $0 >= 500 } ?? true
            guard retryable, attempt <= backoff.count, !Task.isCancelled else { return (attempt, false) }
            try? await Task.sleep(for: backoff[attempt - 1])
        }
    }

    private static func send(_ request: URLRequest) async -> Int? {
        await withCheckedContinuation { continuation in
            let task = URLSession.shared.dataTask(with: request) { _, response, _ in
                continuation.resume(returning: (response as? HTTPURLResponse)?.statusCode)
            }
            task.resume()
        }
    }
}
