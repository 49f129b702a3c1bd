import Foundation

/// How `serve` runs cron jobs: from `--cron`, `--cron-command`, `--cron-executor`, `--cron-timeout`,
/// `--cron-parallel` and `--force-cron`.
public struct CronSchedulerSettings: Sendable {
    /// Which executor a local scheduler uses.
    public enum Executor: String, Sendable, CaseIterable {
        /// A command built from ``command``.
        case command
        /// The gateway's API server (`/v1/chat/completions`).
        case api
    }

    /// Who runs jobs.
    public var mode: CronScheduler.Mode
    /// The executor of `local` mode.
    public var executor: Executor
    /// The command template of the `command` executor.
    public var command: String
    /// Seconds a run may take (the agent's `HERMES_CRON_TIMEOUT`, 600 by default).
    public var timeout: TimeInterval
    /// Jobs run at once.
    public var maximumParallel: Int
    /// Run locally even while the agent's ticker is alive.
    public var force: Bool

    /// Settings; the defaults leave jobs to the gateway.
    public init(
        mode: CronScheduler.Mode = .gateway, executor: Executor = .command, command: String = CommandCronExecutor.defaultTemplate,
        timeout: TimeInterval = 600, maximumParallel: Int = 4, force: Bool = false
    ) {
        self.mode = mode
        self.executor = executor
        self.command = command
        self.timeout = timeout
        self.maximumParallel = maximumParallel
        self.force = force
    }

    /// The executor these settings describe, for `home`.
    public func makeExecutor(home: HermesHome) throws -> any CronExecutor {
        switch executor {
        case .command: try CommandCronExecutor(template: command, home: home, timeout: timeout)
        case .api: GatewayAPICronExecutor(home: home, timeout: timeout)
        }
    }
}
