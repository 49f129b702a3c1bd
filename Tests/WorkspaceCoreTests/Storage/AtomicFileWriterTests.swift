import Foundation
import Testing

@testable import WorkspaceCore

@Suite struct AtomicFileWriterTests {
    @Test func replacesContentKeepsModeAndLeavesNoTemporaryFiles() throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let file = fixture.home.root.appendingPathComponent("config.yaml")
        try Data("old\n".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file.path)
        try AtomicFileWriter().write(Data("new\n".utf8), to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "new\n")
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.home.path) == ["config.yaml"])
    }

    @Test func newFilesGetTheDefaultModeAndSymlinksSurvive() throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let real = fixture.home.root.appendingPathComponent("real.env")
        let link = fixture.home.root.appendingPathComponent(".env")
        try AtomicFileWriter().write(Data("A=1\n".utf8), to: real)
        #expect(try FileManager.default.attributesOfItem(atPath: real.path)[.posixPermissions] as? Int == 0o600)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        try AtomicFileWriter().write(Data("A=2\n".utf8), to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path)
        #expect(try String(contentsOf: real, encoding: .utf8) == "A=2\n")
    }

    @Test func aMissingFolderFailsWithoutCreatingAnything() throws {
        let fixture = try FixtureHome.empty()
        defer { fixture.remove() }
        let target = fixture.home.root.appendingPathComponent("missing/config.yaml")
        #expect(throws: WorkspaceError.self) { try AtomicFileWriter().write(Data("x".utf8), to: target) }
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }
}
