import ArgumentParser
import Foundation
import WorkspaceCore
import WorkspaceDemo

/// `hermes-workspace demo PATH`: writes a realistic demo home.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write a realistic Hermes home (sessions, config, keys, cron, skills, logs, gateway files) for trying the workspace.")

    @Argument(help: "Folder to create; it must not exist or be empty.")
    var path: String

    @Option(help: "Unix time the demo's history ends at (default: now). The same value and seed give the same home.")
    var now: Double?

    @Option(help: "Seed for the generated content.")
    var seed: UInt64 = 20_261_124

    @Option(help: "Number of root sessions to write.")
    var sessions: Int = 240

    func validate() throws {
        guard (1...1_000_000).contains(sessions) else { throw ValidationError("--sessions must be between 1 and 1000000.") }
    }

    func run() throws {
        let home = HermesHome(root: URL(fileURLWithPath: path))
        let writer = DemoHomeWriter(now: now.map(Date.init(timeIntervalSince1970:)) ?? Date(), seed: seed, sessionCount: sessions)
        do {
            try writer.write(to: home)
        } catch let error as WorkspaceError {
            throw ValidationError(error.description)
        }
        print("Demo Hermes home written to \(home.path)")
    }
}
