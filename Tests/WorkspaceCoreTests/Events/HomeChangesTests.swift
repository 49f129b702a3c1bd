import Foundation
import Testing

@testable import WorkspaceCore

/// The change counts that keep answers: every write in an area changes its generation before the writer's call
/// returns (no waiting), writes elsewhere (state.db and its WAL, other areas) do not, and folders made later —
/// `logs/` itself, a new skill category — are watched from then on.
@Suite struct HomeChangesTests {
    @Test func eachAreaChangesWithItsFilesAndOnlyThem() throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let root = fixture.home.root
        let manager = FileManager.default
        try manager.createDirectory(at: root.appendingPathComponent("skills/notes/todo"), withIntermediateDirectories: true)
        try manager.createDirectory(at: root.appendingPathComponent("cron"), withIntermediateDirectories: true)
        let changes = HomeChanges(home: fixture.home)
        func generation(_ area: HomeChanges.Area) throws -> UInt64 { try #require(changes.generation([area])) }
        var last = try Dictionary(uniqueKeysWithValues: HomeChanges.Area.allCases.map { ($0, try generation($0)) })
        /// Does `change`, then expects exactly `areas` to have new generations.
        func expect(_ areas: Set<HomeChanges.Area>, after what: String, _ change: () throws -> Void) throws {
            try change()
            for area in HomeChanges.Area.allCases {
                let now = try generation(area)
                #expect((now != last[area]) == areas.contains(area), "\(what): \(area) \(last[area]!) -> \(now)")
                last[area] = now
            }
        }

        try expect([.config], after: "config.yaml written atomically") {
            try AtomicFileWriter().write(Data("model: x\n".utf8), to: fixture.home.configFile)
        }
        try expect([.env], after: ".env written") { try Data("A=1\n".utf8).write(to: fixture.home.envFile) }
        try expect([.cron], after: "jobs.json written") { try AtomicFileWriter().write(Data("{}".utf8), to: fixture.home.cronJobsFile) }
        try expect([], after: "another file in cron/") { try Data("1".utf8).write(to: root.appendingPathComponent("cron/.tick.lock")) }
        try expect([], after: "state.db and its WAL written") {
            try Data("x".utf8).write(to: fixture.home.stateDatabase)
            try Data("y".utf8).write(to: root.appendingPathComponent("state.db-wal"))
        }
        try expect([.skills], after: "a SKILL.md two folders down") {
            try Data("---\nname: todo\n---\n".utf8).write(to: root.appendingPathComponent("skills/notes/todo/SKILL.md"))
        }
        try expect([.logs], after: "logs/ made") { try manager.createDirectory(at: fixture.home.logsDirectory, withIntermediateDirectories: true) }
        let log = fixture.home.logsDirectory.appendingPathComponent("agent.log")
        try expect([.logs], after: "a log written in the new folder") { try Data("line\n".utf8).write(to: log) }
        let handle = try FileHandle(forWritingTo: log)
        try handle.seekToEnd()
        try expect([.logs], after: "a line appended, the file still open") { try handle.write(contentsOf: Data("more\n".utf8)) }
        try expect([.logs], after: "the file closed") { try handle.close() }
        try expect([], after: "nothing") {}
        let category = root.appendingPathComponent("skills/new-category")
        try expect([.skills], after: "a new category folder") { try manager.createDirectory(at: category, withIntermediateDirectories: true) }
        try expect([.skills], after: "a skill folder in it") {
            try manager.createDirectory(at: category.appendingPathComponent("helper"), withIntermediateDirectories: true)
        }
        try expect([.skills], after: "its SKILL.md") {
            try Data("---\nname: helper\n---\n".utf8).write(to: category.appendingPathComponent("helper/SKILL.md"))
        }
        let scripts = category.appendingPathComponent("helper/scripts")
        try expect([.skills], after: "a folder the registry skips, made in a skill") {
            try manager.createDirectory(at: scripts, withIntermediateDirectories: true)
        }
        try expect([], after: "a file inside it") { try Data("echo\n".utf8).write(to: scripts.appendingPathComponent("run.sh")) }
    }
}
