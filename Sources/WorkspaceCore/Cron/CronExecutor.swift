import Foundation

/// One job run handed to an executor.
public struct CronRunRequest: Sendable {
    /// Job id.
    public var id: String
    /// Job name.
    public var name: String
    /// The prompt (skills are named in `skills`; the executor decides how to load them).
    public var prompt: String
    /// Skills to load.
    public var skills: [String]
    /// Per-job model override.
    public var model: String?
    /// Script under `HERMES_HOME/scripts`, when the job has one.
    public var script: String?
    /// Working directory.
    public var workdir: String?
    /// The session id the run should use, as the agent names cron sessions (`cron_<id>_<YYYYMMDD_HHMMSS>`).
    public var sessionID: String

    /// A run request.
    public init(
        id: String, name: String, prompt: String, skills: [String] = [], model: String? = nil, script: String? = nil, workdir: String? = nil,
        sessionID: String
    ) {
        self.id = id
        self.name = name
        self.prompt = prompt
        self.skills = skills
        self.model = model
        self.script = script
        self.workdir = workdir
        self.sessionID = sessionID
    }
}

/// How a run ended.
public struct CronRunResult: Sendable, Equatable {
    /// Whether it succeeded.
    public var succeeded: Bool
    /// The response text (on success) or whatever the run printed (on failure).
    public var output: String
    /// Why it failed.
    public var error: String?

    /// A result.
    public init(succeeded: Bool, output: String, error: String? = nil) {
        self.succeeded = succeeded
        self.output = output
        self.error = error
    }
}

/// Runs one job to completion: a command, or a call to the gateway's API server.
public protocol CronExecutor: Sendable {
    /// Runs `request`; never throws — failures are results. Returns promptly (with a failure) when cancelled.
    func run(_ request: CronRunRequest) async -> CronRunResult
    /// What `/cron/scheduler` shows about it.
    var summary: String { get }
}
