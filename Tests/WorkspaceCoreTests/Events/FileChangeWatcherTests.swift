import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct FileChangeWatcherTests {
    /// Runs a watcher over `files`, performs `change`, and returns what the watcher reported within `seconds`. On a
    /// loaded machine the watcher thread may still be setting up when the first change lands, so an unseen change is
    /// made again (up to three times).
    private func reported(
        watching files: [URL], inotify: Bool, seconds: Double = 6, after change: @escaping @Sendable () throws -> Void
    ) async throws -> Set<String> {
        let seen = LockedValue<Set<String>>([])
        let watcher = FileChangeWatcher(files: files, pollInterval: 0.2, allowInotify: inotify)
        let task = Task { await watcher.run { changed in seen.withValue { $0.formUnion(changed.map(\.lastPathComponent)) } } }
        defer { task.cancel() }
        try await Task.sleep(for: .milliseconds(300))
        for _ in 0..<3 where seen.withValue({ $0.isEmpty }) {
            try change()
            let deadline = Date().addingTimeInterval(seconds / 3)
            while Date() < deadline, seen.withValue({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(20)) }
        }
        try await Task.sleep(for: .milliseconds(300))
        return seen.withValue { $0 }
    }

    @Test(arguments: [true, false])
    func anAtomicReplaceAnAppendAndACreationAreNoticed(inotify: Bool) async throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let config = fixture.home.configFile
        let env = fixture.home.envFile
        try fixture.write("a: 1\n", to: "config.yaml")
        try fixture.write("unrelated", to: "notes.txt")
        let replaced = try await reported(watching: [config, env], inotify: inotify) {
            try AtomicFileWriter().write(Data("a: 2\n".utf8), to: config)
        }
        #expect(replaced == ["config.yaml"])
        let created = try await reported(watching: [config, env], inotify: inotify) {
            try Data("K=v\n".utf8).write(to: env)
        }
        #expect(created == [".env"])
        let quiet = try await reported(watching: [config, env], inotify: inotify, seconds: 1) {
            try Data("still unrelated".utf8).write(to: fixture.home.root.appendingPathComponent("notes.txt"))
        }
        #expect(quiet.isEmpty, "files outside the set are not reported")
    }
}
