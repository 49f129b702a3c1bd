import Foundation
import TestSupport
import WorkspaceCore

/// Where the binary under test and the browser are.
enum BrowserEnvironment {
    static let repository = Repository.root

    static func binary() throws -> URL {
        if let explicit = ProcessInfo.processInfo.environment["HERMES_WORKSPACE_BIN"] { return URL(fileURLWithPath: explicit) }
        for folder in [".build/debug", ".build/release"] {
            let candidate = repository.appendingPathComponent(folder).appendingPathComponent("hermes-workspace")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw BrowserTestError("hermes-workspace binary not found; run 'swift build' first")
    }

    static func chromium() throws -> String {
        for candidate in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw BrowserTestError("headless Chromium is required: apt-get install chromium")
    }
}

struct BrowserTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs blocking work (a child process, the DevTools pipe) on a Dispatch thread, never on the Swift concurrency
/// pool: tests run in parallel on a pool as small as the machine, and a few blocked browser tests would starve it.
@discardableResult
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue(label: "e2e.off-the-pool").async { continuation.resume(with: Result { try work() }) }
    }
}

@discardableResult
func run(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-run-\(UUID().uuidString).err")
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errorFile) }
    process.standardError = try FileHandle(forWritingTo: errorFile)
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        let errors = String(decoding: (FileManager.default.contents(atPath: errorFile.path) ?? Data()).suffix(2_000), as: UTF8.self)
        throw BrowserTestError("\(executable) exited with \(process.terminationStatus): \(errors)")
    }
    return String(decoding: data, as: UTF8.self)
}

/// What a child process writes up to its first newline (empty when it exits first), read off the pool.
func firstLine(of handle: FileHandle) async throws -> String {
    try await offThePool {
        var collected = Data()
        while !collected.contains(UInt8(ascii: "\n")) {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            collected.append(chunk)
        }
        return String(decoding: collected, as: UTF8.self)
    }
}

/// Turns on login mode for `home` the way an operator does: `hermes-workspace passwd`, the password on stdin.
func setOperatorPassword(_ password: String, user: String = "admin", home: URL) async throws {
    let binary = try BrowserEnvironment.binary()
    try await offThePool {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["passwd", "--home", home.path, "--user", user]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data((password + "\n").utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BrowserTestError("passwd exited with \(process.terminationStatus)") }
    }
}

/// The workspace server as a child process on a free port.
final class ServerProcess: @unchecked Sendable {
    private let process = Process()
    private let output = Pipe()

    /// Starts `binary serve` on `home`, with the UI from `webRoot` (`nil`: the one built into the binary), in
    /// `currentDirectory` (default: the test's).
    init(
        binary: URL, home: URL, webRoot: URL?, arguments: [String] = [], environment: [String: String] = [:], currentDirectory: URL? = nil
    ) throws {
        process.executableURL = binary
        process.arguments =
            ["serve", "--home", home.path, "--port", "0", "--log-level", "warning"] + (webRoot.map { ["--web-root", $0.path] } ?? []) + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    func waitForReadyURL(scheme: String = "http://") async throws -> String {
        let line = try await firstLine(of: output.fileHandleForReading)
        guard !line.isEmpty else { throw BrowserTestError("the server exited before it was ready") }
        guard let range = line.range(of: scheme) else { throw BrowserTestError("no URL in the ready line: \(line)") }
        return String(line[range.lowerBound...].prefix { !$0.isWhitespace })
    }

    /// Whether the server process is still alive.
    var isRunning: Bool { process.isRunning }

    /// The server's process id.
    var pid: Int32 { process.processIdentifier }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

/// A demo home in a temp folder served by the real binary, and a browser profile beside it.
struct DemoSite {
    let root: URL
    let server: ServerProcess
    /// The ready URL, ending in `/`.
    let url: String

    /// Writes a demo home with `sessions` root sessions (in `root`, a new temp folder by default) and starts the
    /// server on it.
    static func start(sessions: Int, root: URL? = nil) async throws -> DemoSite {
        let root = root ?? FileManager.default.temporaryDirectory.appendingPathComponent("hermes-e2e-\(UUID().uuidString)")
        let home = root.appendingPathComponent("home")
        try await offThePool { try run(try BrowserEnvironment.binary().path, ["demo", home.path, "--sessions", String(sessions)]) }
        return try await serve(root: root)
    }

    /// Starts the server on the home already in `root`, with `arguments` and `environment` added.
    static func serve(root: URL, arguments: [String] = [], environment: [String: String] = [:]) async throws -> DemoSite {
        let server = try ServerProcess(
            binary: try BrowserEnvironment.binary(), home: root.appendingPathComponent("home"),
            webRoot: BrowserEnvironment.repository.appendingPathComponent("web"), arguments: arguments, environment: environment)
        return DemoSite(root: root, server: server, url: try await server.waitForReadyURL())
    }

    /// A raw HTTP client for this server, with its token.
    func client() async throws -> RawExchange {
        let token = try await offThePool { [home] in try run(try BrowserEnvironment.binary().path, ["token", "--home", home.path]) }
        let port = Int(url.split(separator: ":").last?.split(separator: "/").first ?? "") ?? 0
        return RawExchange(port: port, token: token.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// A new scoped token made with `hermes-workspace token create` (an `agent` token by default, as the plugin has).
    func scopedToken(role: String = "agent", name: String? = nil) async throws -> String {
        let name = name ?? "\(role)-\(UUID().uuidString.prefix(8))"
        let token = try await offThePool { [home] in
            try run(try BrowserEnvironment.binary().path, ["token", "create", name, "--role", role, "--home", home.path])
        }
        return token.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The port the server listens on.
    var port: Int { Int(url.split(separator: ":").last?.split(separator: "/").first ?? "") ?? 0 }

    /// The Hermes home being served.
    var home: URL { root.appendingPathComponent("home") }

    /// The DOM of `path` once the JavaScript condition `ready` holds (the page keeps its event stream open, so
    /// "the network went quiet" never comes; a page that never gets ready fails after 20 s).
    func render(_ path: String, when ready: String) async throws -> String {
        try await withBrowser(at: path) { browser in
            try browser.waitUntil(ready, seconds: 20)
            return try browser.evaluate("document.documentElement.outerHTML") as? String ?? ""
        }
    }

    /// Runs `body` with a browser whose tab shows `path`, off the concurrency pool; the browser is closed after.
    /// Without a password the browser first opens a fresh one-time sign-in link (`hermes-workspace signin-link`), as an
    /// operator does; in login mode it opens the page and signs in itself. `signedIn: false` opens the bare page.
    func withBrowser<T: Sendable>(
        at path: String, signedIn: Bool = true, timeZone: String? = nil, _ body: @escaping @Sendable (DevToolsBrowser) throws -> T
    ) async throws -> T {
        let profile = root.appendingPathComponent("devtools-\(UUID().uuidString)")
        let address = signedIn ? try await signinLink(next: "/" + path) ?? url + path : url + path
        return try await offThePool {
            let browser = try DevToolsBrowser(chromium: try BrowserEnvironment.chromium(), profile: profile, timeZone: timeZone)
            defer { browser.close() }
            try browser.open(address)
            return try body(browser)
        }
    }

    /// A fresh one-time sign-in link leading to `next`, or `nil` when the home has a password (login mode).
    func signinLink(next: String) async throws -> String? {
        // In login mode (any account) the page signs in itself; a link is only for a home without accounts.
        guard !Accounts(home: HermesHome(root: home)).isSet else { return nil }
        let link = try await offThePool { [home, url] in
            try run(try BrowserEnvironment.binary().path, ["signin-link", "--home", home.path, "--url", url, "--next", next])
        }
        return link.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Stops the server and removes the folder.
    func stop() {
        server.stop()
        try? FileManager.default.removeItem(at: root)
    }
}
