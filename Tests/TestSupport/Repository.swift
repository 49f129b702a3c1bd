import Foundation

/// Paths in this repository, for tests in any target: one place knows where the checkout is, so moving a test file
/// cannot silently break a path relative to it (the interop suites would skip instead of failing).
public enum Repository {
    /// The package root (where Package.swift is).
    public static let root: URL = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder
    }()

    /// `openapi.yaml`.
    public static var openAPI: URL { root.appendingPathComponent("openapi.yaml") }

    /// A file under `Tests/Fixtures/`.
    public static func fixture(_ name: String) -> URL { root.appendingPathComponent("Tests/Fixtures").appendingPathComponent(name) }
}
