import Foundation

/// Finds a folder that ships beside the binary: `./<path>`, `<path>` in the repository the binary was built in
/// (`.build/<triple>/debug/…`), or `../share/hermes-workspace/<installed>` for an installed binary.
enum BundledFiles {
    /// The first candidate folder holding `marker`.
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
}
