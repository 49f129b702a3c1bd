import Foundation
import WorkspaceCore

/// Writes a complete, realistic Hermes home for demos and tests, in the agent's real formats.
///
/// The content depends only on `now` and `seed`, so the same inputs always give the same home.
public struct DemoHomeWriter: Sendable {
    /// The instant the demo's "now" stands for; history is laid out over the 60 days before it.
    public var now: Date
    /// Seed for the content generator.
    public var seed: UInt64
    /// Root sessions to write (children come on top).
    public var sessionCount: Int

    /// Creates a writer.
    public init(now: Date = Date(), seed: UInt64 = 20_261_124, sessionCount: Int = 240) {
        self.now = now
        self.seed = seed
        self.sessionCount = sessionCount
    }

    /// Writes the demo home at `home`, which must not exist yet or be an empty folder.
    public func write(to home: HermesHome) throws {
        let manager = FileManager.default
        if let entries = try? manager.contentsOfDirectory(atPath: home.path), !entries.isEmpty {
            throw WorkspaceError.invalidInput("\(home.path) is not empty; the demo writes only into a new or empty folder.")
        }
        for directory in [
            home.root, home.cronDirectory, home.logsDirectory, home.skillsDirectory,
            home.root.appendingPathComponent("memories"), home.root.appendingPathComponent("sessions"),
        ] {
            try manager.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let writer = AtomicFileWriter(defaultMode: 0o600)
        try manager.createDirectory(at: home.workspaceDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try writer.write(Data("Written by hermes-workspace demo: every session, key and figure in this home is made up.\n".utf8), to: home.demoMarker)
        try writer.write(Data(DemoTextFiles.config.utf8), to: home.configFile)
        try writer.write(Data(DemoTextFiles.environment.utf8), to: home.envFile)
        try writer.write(Data(DemoTextFiles.soul.utf8), to: home.root.appendingPathComponent("SOUL.md"))
        // In the agent's format: entries joined by a line holding only §, no trailing newline.
        try writer.write(
            Data(
                MemoryEntries.render([
                    "The home server runs Debian 13; Docker and restic are installed.",
                    "Project hermes-site: tests with `pytest -q`, deploys with `make deploy`\n(staging first, then production).",
                    "Backups go to the NAS; the restic repository is locked while the nightly job runs.",
                ]).utf8), to: home.root.appendingPathComponent("memories/MEMORY.md"))
        try writer.write(
            Data(
                MemoryEntries.render(["Prefers metric units.", "Home city: Berlin (Europe/Berlin).", "Likes short answers with the command first."])
                    .utf8),
            to: home.root.appendingPathComponent("memories/USER.md"))
        var database = DemoStateDatabase(now: now, seed: seed)
        try database.write(to: home.stateDatabase, sessionCount: sessionCount)
        try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: home.stateDatabase.path)
        let berlin = TimeZone(identifier: "Europe/Berlin") ?? TimeZone(secondsFromGMT: 0)!
        try DemoCron(now: now, timeZone: berlin).write(to: home, writer: writer)
        try DemoSkills.write(to: home.skillsDirectory, writer: writer)
        var logs = DemoLogs(now: now, random: DemoRandom(seed: seed &+ 1))
        try logs.write(to: home.logsDirectory, writer: writer)
        try DemoGateway(now: now).write(to: home, writer: writer)
    }
}
