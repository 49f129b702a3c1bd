import Foundation
import WorkspaceCore

/// Rotated agent logs in the agent's line format, with session tags and multi-line tracebacks.
struct DemoLogs {
    let now: Date
    var random: DemoRandom
    private let lineTime = DemoDateFormat.formatter("yyyy-MM-dd HH:mm:ss,SSS")
    private let sessionStamp = DemoDateFormat.sessionStamp()

    private static let loggers = [
        "run_agent", "agent.model_client", "tools.terminal_tool", "tools.web_tools", "gateway.run",
        "gateway.platforms.telegram", "gateway.platforms.discord", "cron.scheduler", "hermes_cli.config",
    ]
    private static let messages = [
        "INFO": [
            "API call completed in %d ms (model=anthropic/claude-sonnet-4.5)", "Tool terminal finished in %d ms", "Session title generated",
            "Delivered reply to telegram chat 12345 (%d chars)", "Cron tick: 0 due jobs", "Context at %d%% of window",
        ],
        "DEBUG": ["Prompt cache hit for %d tokens", "Loaded %d skills", "Heartbeat written"],
        "WARNING": ["Rate limited by provider, retrying in %d s", "Tool output truncated to %d chars", "Discord reconnect attempt %d failed"],
        "ERROR": ["Discord login failed: 401 Unauthorized (attempt %d)", "Tool web_extract failed after %d s", "restic exited with status %d"],
    ]

    mutating func write(to directory: URL, writer: AtomicFileWriter) throws {
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("curator"), withIntermediateDirectories: true)
        var allRecords: [(Date, String, String)] = []
        var clock = now.addingTimeInterval(-3 * 86_400)
        while clock < now {
            clock.addTimeInterval(Double(random.int(5...240)))
            let level = random.chance(0.04) ? "ERROR" : (random.chance(0.08) ? "WARNING" : (random.chance(0.15) ? "DEBUG" : "INFO"))
            allRecords.append((clock, level, record(at: clock, level: level)))
        }
        let chunks = [
            allRecords.prefix(allRecords.count / 3), allRecords.dropFirst(allRecords.count / 3).prefix(allRecords.count / 3),
            allRecords.dropFirst(2 * (allRecords.count / 3)),
        ]
        for (index, name) in ["agent.log.2", "agent.log.1", "agent.log"].enumerated() {
            try writer.write(Data(chunks[index].map { $0.2 }.joined().utf8), to: directory.appendingPathComponent(name))
        }
        let errors = allRecords.filter { $0.1 == "WARNING" || $0.1 == "ERROR" }.map { $0.2 }.joined()
        try writer.write(Data(errors.utf8), to: directory.appendingPathComponent("errors.log"))
        let gateway = allRecords.filter { $0.2.contains(" gateway.") }.map { $0.2 }.joined()
        try writer.write(Data(gateway.utf8), to: directory.appendingPathComponent("gateway.log"))
    }

    private mutating func record(at date: Date, level: String) -> String {
        let logger = random.pick(Self.loggers)
        let session = random.chance(0.6) ? " [\(sessionStamp.string(from: date.addingTimeInterval(-300)))_\(random.hex(6))]" : ""
        let message = String(format: random.pick(Self.messages[level]!), random.int(2...4_000))
        var line = "\(lineTime.string(from: date)) \(level)\(session) \(logger): \(message)\n"
        if level == "ERROR", random.chance(0.5) {
            line += """
                Traceback (most recent call last):
                  File "/opt/hermes/agent/model_client.py", line 412, in complete
                    response = self._client.post(url, json=payload, timeout=timeout)
                  File "/opt/hermes/venv/lib/python3.11/site-packages/httpx/_client.py", line 1145, in post
                    return self.request("POST", url, json=json)
                httpx.HTTPStatusError: Server error '502 Bad Gateway' for url 'https://openrouter.ai/api/v1/chat/completions'

                """
        }
        return line
    }
}
