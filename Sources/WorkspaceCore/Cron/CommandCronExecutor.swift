import Foundation

/// Runs a job as a command built from a template, e.g. `hermes chat -Q -q {prompt}`: split into arguments like a
/// shell would (quotes, no expansion), then `{id}`, `{name}`, `{prompt}`, `{model}`, `{session}` and `{home}`
/// replaced inside each argument — never through a shell, so a prompt cannot inject commands. A template without
/// `{prompt}` gets the prompt on stdin; one with it gets an empty stdin (so nothing the prompt says can answer an
/// approval prompt). `HERMES_HOME`, `HERMES_CRON_SESSION=1` and `HERMES_CRON_JOB_ID` are set. Exit 0 with output =
/// success.
public struct CommandCronExecutor: CronExecutor {
    private let template: [String]
    private let home: HermesHome
    private let timeout: TimeInterval
    private let environment: [String: String]

    /// The default template: the agent's quiet single-query mode. Its dangerous-command gate stays on: with the
    /// approvals bridge the question waits in the Approvals tab (`headless: workspace`) or follows
    /// `approvals.cron_mode`; `hermes -z` would turn every approval off.
    public static let defaultTemplate = "hermes chat -Q -q {prompt}"

    /// Why `template` silently turns the agent's approvals off (`-z`/`--oneshot` sets `HERMES_YOLO_MODE`, so do
    /// `--yolo` and `HERMES_YOLO_MODE=1`), or nil.
    public static func approvalBypass(in template: String) -> String? {
        let words = (try? split(template)) ?? []
        if let word = words.first(where: { ["-z", "--oneshot", "--yolo"].contains($0) || $0.hasPrefix("--oneshot=") }) {
            return "`\(word)` makes the agent auto-approve every dangerous command in cron runs"
        }
        if words.contains(where: { $0.hasPrefix("HERMES_YOLO_MODE=") }) { return "HERMES_YOLO_MODE turns the agent's approvals off" }
        return nil
    }

    /// An executor of `template` for jobs of `home`, each stopped after `timeout` seconds.
    public init(template: String, home: HermesHome, timeout: TimeInterval, environment: [String: String] = ProcessInfo.processInfo.environment) throws
    {
        self.template = try Self.split(template)
        guard !self.template.isEmpty else { throw WorkspaceError.invalidInput("The cron command template is empty.") }
        self.home = home
        self.timeout = timeout
        self.environment = environment
    }

    /// `command: hermes chat -Q -q {prompt} (timeout 600 s)`.
    public var summary: String { "command: \(template.joined(separator: " ")) (timeout \(Int(timeout)) s)" }

    /// Runs the command off the concurrency pool; cancellation kills its process group.
    public func run(_ request: CronRunRequest) async -> CronRunResult {
        let values = [
            "id": request.id, "name": request.name, "prompt": request.prompt, "model": request.model ?? "",
            "session": request.sessionID, "home": home.path,
        ]
        let arguments = template.map { argument in
            values.reduce(argument) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
        }
        var environment = environment
        environment["HERMES_HOME"] = home.path
        environment["HERMES_CRON_SESSION"] = "1"
        environment["HERMES_CRON_JOB_ID"] = request.id
        if let workdir = request.workdir { environment["TERMINAL_CWD"] = workdir }
        let child = ChildProcess(arguments: arguments, environment: environment, directory: request.workdir)
        let promptOnStdin = !template.contains { $0.contains("{prompt}") }
        let timeout = timeout
        let cancelled = CancellationFlag()
        do {
            let outcome = try await withTaskCancellationHandler {
                try await offloaded {
                    try child.run(input: promptOnStdin ? Data(request.prompt.utf8) : Data(), timeout: timeout, cancelled: { cancelled.isSet })
                }
            } onCancel: {
                cancelled.set()
            }
            return Self.result(of: outcome, timeout: timeout, cancelled: cancelled.isSet)
        } catch {
            return CronRunResult(succeeded: false, output: "", error: String(describing: error))
        }
    }

    private static func result(of outcome: ChildProcess.Outcome, timeout: TimeInterval, cancelled: Bool) -> CronRunResult {
        let output = String(decoding: outcome.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let errors = String(decoding: outcome.errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let tail = errors.split(separator: "\n").suffix(20).joined(separator: "\n")
        if cancelled { return CronRunResult(succeeded: false, output: output, error: "Interrupted: the workspace stopped while the job ran.") }
        if outcome.timedOut {
            return CronRunResult(succeeded: false, output: output, error: "Timed out after \(Int(timeout)) s." + (tail.isEmpty ? "" : "\n" + tail))
        }
        if let status = outcome.exitStatus, status != 0 {
            return CronRunResult(succeeded: false, output: output, error: "Exited with status \(status)." + (tail.isEmpty ? "" : "\n" + tail))
        }
        if let signal = outcome.signal { return CronRunResult(succeeded: false, output: output, error: "Killed by signal \(signal).") }
        guard !output.isEmpty else {
            return CronRunResult(
                succeeded: false, output: "",
                error: "The command printed nothing (an empty response counts as a failure, as in the agent)." + (tail.isEmpty ? "" : "\n" + tail))
        }
        return CronRunResult(succeeded: true, output: output + (outcome.truncated ? "\n\n[output cut at 1 MiB]" : ""))
    }

    /// Splits like a POSIX shell: whitespace separates, single quotes keep everything, double quotes keep spaces and
    /// honour `\"` and `\\`; a backslash outside quotes escapes the next character.
    static func split(_ text: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            switch (quote, character) {
            case (nil, "\\"), ("\"", "\\"):
                escaped = true
                inWord = true
            case (nil, "'"), (nil, "\""):
                quote = character
                inWord = true
            case ("'", "'"), ("\"", "\""): quote = nil
            case (nil, _) where character.isWhitespace:
                if inWord { words.append(current) }
                current = ""
                inWord = false
            default:
                current.append(character)
                inWord = true
            }
        }
        guard quote == nil, !escaped else {
            throw WorkspaceError.invalidInput("The cron command template has an unclosed quote or a trailing backslash.")
        }
        if inWord { words.append(current) }
        return words
    }
}

/// A flag set from a cancellation handler and read by blocking work.
final class CancellationFlag: Sendable {
    private let value = LockedValue(false)
    /// Whether it was set.
    var isSet: Bool { value.value }
    /// Sets it.
    func set() { value.value = true }
}
