import Foundation
import NIOCore

/// Runs a job through the gateway's OpenAI-compatible API server on this machine: `POST /v1/chat/completions` with
/// the prompt, `Authorization: Bearer $API_SERVER_KEY` and the cron session id in `X-Hermes-Session-Id`; the reply's
/// first message is the output. Host, port and key are read from `.env` at each run, as the gateway reads them.
public struct GatewayAPICronExecutor: CronExecutor {
    private let home: HermesHome
    private let timeout: TimeInterval

    /// An executor for `home`'s gateway, each call bounded by `timeout` seconds.
    public init(home: HermesHome, timeout: TimeInterval) {
        self.home = home
        self.timeout = timeout
    }

    /// `gateway API server (timeout 600 s)`.
    public var summary: String { "gateway API server /v1/chat/completions (timeout \(Int(timeout)) s)" }

    /// Sends the prompt and waits for the answer.
    public func run(_ request: CronRunRequest) async -> CronRunResult {
        let settings = APIServerSettings(home: home)
        let (host, port) = (settings.host, settings.port)
        guard APIServerProbe.isLocal(host) else {
            return CronRunResult(
                succeeded: false, output: "", error: "API_SERVER_HOST \(host) is not this machine; the workspace only calls a local API server.")
        }
        guard let key = settings.key else {
            return CronRunResult(succeeded: false, output: "", error: "API_SERVER_KEY is not set in .env, so the gateway's API server is off.")
        }
        let message: [String: Any] = [
            "model": request.model ?? settings.modelName ?? "hermes-agent",
            "messages": [["role": "user", "content": request.prompt]], "stream": false,
        ]
        let body = (try? JSONSerialization.data(withJSONObject: message)) ?? Data()
        let headers = [("Authorization", "Bearer \(key)"), ("Content-Type", "application/json"), ("X-Hermes-Session-Id", request.sessionID)]
        do {
            let client = LoopbackHTTPClient(timeout: .milliseconds(Int64(timeout * 1_000)))
            guard let answer = try await client.send("POST", "/v1/chat/completions", host: host, port: port, headers: headers, body: body) else {
                return CronRunResult(succeeded: false, output: "", error: "The API server gave no answer within \(Int(timeout)) s.")
            }
            let object = try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any]
            guard answer.status == 200 else {
                let detail = ((object?["error"] as? [String: Any])?["message"] as? String) ?? answer.statusLine
                return CronRunResult(succeeded: false, output: "", error: "The API server answered \(answer.status): \(detail)")
            }
            let content = ((object?["choices"] as? [[String: Any]])?.first?["message"] as? [String: Any])?["content"] as? String ?? ""
            let text = content.trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty
                ? CronRunResult(succeeded: false, output: "", error: "The agent returned an empty response.")
                : CronRunResult(succeeded: true, output: text)
        } catch {
            return CronRunResult(succeeded: false, output: "", error: "The API server on \(host):\(port) is not reachable (\(error)).")
        }
    }
}
