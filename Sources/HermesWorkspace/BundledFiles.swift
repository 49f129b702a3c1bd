import Foundation

/// The files that ship with the binary: the web UI and the approvals plugin, built into it by the EmbedFiles
/// plugin, or — for a build made before `web/fetch-vendor.sh` ran, or a packager's layout — folders beside it.
enum BundledFiles {
    /// The web UI built into the binary (`dist/…`, `vendor/…` → bytes), when it is complete: its `index.html` and
    /// every `vendor/` file that page loads. A build without React's files falls back to a folder.
    static var embeddedWeb: [String: Data]? {
        let files = decode(EmbeddedFiles.web)
        guard let index = files["dist/index.html"].map({ String(decoding: $0, as: UTF8.self) }) else { return nil }
        let vendored = index.matches(of: /vendor\/[^"'?#]+/).map { String($0.output) }
        return vendored.allSatisfy({ files[$0] != nil }) && vendored.isEmpty == false ? files : nil
    }

    /// The approvals plugin built into the binary (`plugin.yaml`, `__init__.py` → bytes), if it was there at build time.
    static var embeddedPlugin: [String: Data]? {
        let files = decode(EmbeddedFiles.plugin)
        return files["plugin.yaml"] != nil && files["__init__.py"] != nil ? files : nil
    }

    /// The first candidate folder holding `marker`: `./<path>`, `<path>` in the repository the binary was built in
    /// (`.build/<triple>/debug/…`), or `../share/hermes-workspace/<installed>` for an installed binary.
    static func folder(_ path: String, installedAs installed: String, containing marker: String) -> URL? {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path),
            executable.appendingPathComponent("../../../" + path),
            executable.appendingPathComponent("../../" + path),
            executable.appendingPathComponent("../share/hermes-workspace/" + installed),
        ]
        return candidates.map(\.standardizedFileURL).first { FileManager.default.fileExists(atPath: $0.appendingPathComponent(marker).path) }
    }

    private static func decode(_ catalog: [String: String]) -> [String: Data] {
        catalog.compactMapValues { Data(base64Encoded: $0) }
    }
}
