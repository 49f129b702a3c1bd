import Foundation
import Testing

/// The binary is the install: copied alone into an empty folder (no `web/`, no repository, no `share/` beside it,
/// and that folder as the working directory), it serves the whole UI — our bundle and React's files, as built —
/// and installs the approvals plugin, from the copies built into it by the EmbedFiles plugin.
///
/// It copies the binary `swift build` made (`HERMES_WORKSPACE_BIN` names another, e.g. a release build): the files
/// are embedded the same way in every configuration.
@Suite(.serialized) struct StandaloneBinaryTests {
    @Test func aCopiedBinaryServesItsUIAndInstallsItsPlugin() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hermes-standalone-\(UUID().uuidString)")
        let binary = root.appendingPathComponent("bin/hermes-workspace")
        try FileManager.default.createDirectory(at: binary.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Copied by cp, not in this process: a file this process holds open for writing can leak into a child another
        // test spawns meanwhile, and exec of the copy then fails with "Text file busy" (ETXTBSY) until that child execs.
        let original = try BrowserEnvironment.binary().path
        _ = try await offThePool { [binary] in try run("/bin/cp", [original, binary.path]) }
        let home = root.appendingPathComponent("home")
        try await offThePool { try run(binary.path, ["demo", home.path, "--sessions", "3"]) }

        let server = try ServerProcess(binary: binary, home: home, webRoot: nil, currentDirectory: root)
        let site = DemoSite(root: root, server: server, url: try await server.waitForReadyURL())
        defer { site.stop() }
        let web = BrowserEnvironment.repository.appendingPathComponent("web")

        // The page and every file it loads are the ones built into the binary, byte for byte.
        let client = try await site.client()
        let page = try await client.send("GET", "/")
        #expect(page.status == 200, "\(page.text.prefix(300))")
        let built = try FileManager.default.contentsOfDirectory(atPath: web.appendingPathComponent("dist").path).filter { $0.hasPrefix("app-") }
        #expect(!built.isEmpty)
        for name in built {
            #expect(page.text.contains(name), "the page loads \(name)")
            let asset = try await client.send("GET", "/\(name)")
            #expect(asset.status == 200 && Data(asset.body) == FileManager.default.contents(atPath: web.appendingPathComponent("dist/\(name)").path))
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: web.appendingPathComponent("vendor").path) {
            let asset = try await client.send("GET", "/vendor/\(name)")
            #expect(asset.status == 200, "/vendor/\(name): \(asset.status)")
            #expect(Data(asset.body) == FileManager.default.contents(atPath: web.appendingPathComponent("vendor/\(name)").path), "\(name) as fetched")
        }

        // In a real browser the app starts, signs in with a one-time link and draws the Status tab.
        let shown = try await site.withBrowser(at: "") { browser -> String in
            try browser.waitUntil(
                "document.title.startsWith('Status') && document.querySelector('h1') !== null && document.body.innerText.includes('Gateway')")
            return try browser.evaluate("document.body.innerText") as? String ?? ""
        }
        #expect(shown.contains("Gateway"), "the Status tab drew: \(shown.prefix(300))")

        // install-plugin, run from the empty folder, writes the plugin as built into the binary.
        try await offThePool {
            let process = Process()
            process.executableURL = binary
            process.arguments = ["install-plugin", "--home", home.path, "--url", site.url]
            process.currentDirectoryURL = root
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw BrowserTestError("install-plugin exited with \(process.terminationStatus)") }
        }
        let source = BrowserEnvironment.repository.appendingPathComponent("integrations/hermes-plugin/workspace-approvals")
        let installed = home.appendingPathComponent("plugins/workspace-approvals")
        for file in ["plugin.yaml", "__init__.py"] {
            #expect(
                FileManager.default.contents(atPath: installed.appendingPathComponent(file).path)
                    == FileManager.default.contents(atPath: source.appendingPathComponent(file).path), "\(file) as in the repository")
        }
        let settings = try FileManager.default.attributesOfItem(atPath: installed.appendingPathComponent("workspace.json").path)
        #expect((settings[.posixPermissions] as? Int) == 0o600, "the bridge's credential file is private")
        let config = String(decoding: FileManager.default.contents(atPath: home.appendingPathComponent("config.yaml").path) ?? Data(), as: UTF8.self)
        #expect(config.contains("workspace-approvals"), "enabled in config.yaml")
    }
}
