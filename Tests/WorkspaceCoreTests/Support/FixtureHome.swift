import Foundation
import TestSupport
import WorkspaceCore

/// A Hermes home in a fresh temp folder: empty, or unpacked from the fixture the real agent wrote.
struct FixtureHome {
    let home: HermesHome

    /// An empty home folder.
    static func empty() throws -> FixtureHome {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hermes-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return FixtureHome(home: HermesHome(root: root))
    }

    /// The agent-written fixture (`Tests/Fixtures/hermes-home-0.19.tar.gz`), unpacked.
    static func agentFixture() throws -> FixtureHome {
        let scratch = try empty().home.root
        let archive = Repository.fixture("hermes-home-0.19.tar.gz")
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/bin/tar")
        tar.arguments = ["-xzf", archive.path, "-C", scratch.path]
        try tar.run()
        tar.waitUntilExit()
        guard tar.terminationStatus == 0 else { throw CocoaError(.fileReadCorruptFile) }
        return FixtureHome(home: HermesHome(root: scratch.appendingPathComponent("hermes-home")))
    }

    func write(_ text: String, to relativePath: String) throws {
        let url = home.root.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func remove() {
        try? FileManager.default.removeItem(at: home.root)
    }
}
