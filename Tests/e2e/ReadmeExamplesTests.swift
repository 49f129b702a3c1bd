import Foundation
import Testing

/// Every command in the README's "Use it on your own agent" block, run as written against a demo home (its
/// `~/.hermes` is the demo home, `hermes-workspace` the binary under test, the URL the running server's, `$TOKEN`
/// its token): each must succeed and print something. The README cannot drift from the binary. The build and
/// install lines are left out (the binary under test is built; StandaloneBinaryTests proves a copy is complete).
@Suite(.serialized) struct ReadmeExamplesTests {
    /// The shell lines of the README's section `title` (its first ```sh block).
    static func commands(in title: String) throws -> [String] {
        let readme = try String(contentsOf: BrowserEnvironment.repository.appendingPathComponent("README.md"), encoding: .utf8)
        guard let section = readme.range(of: "## \(title)\n") else { throw BrowserTestError("README has no section \(title)") }
        let rest = readme[section.upperBound...]
        guard let start = rest.range(of: "```sh\n"), let end = rest[start.upperBound...].range(of: "```") else {
            throw BrowserTestError("the section \(title) has no sh block")
        }
        return rest[start.upperBound..<end.lowerBound].split(separator: "\n").map(String.init).filter {
            !$0.trimmingCharacters(in: .whitespaces).isEmpty
        }
    }

    @Test func theReadmesCommandsWorkOnADemoHome() async throws {
        let site = try await DemoSite.start(sessions: 5)
        defer { site.stop() }
        try FileManager.default.createDirectory(at: site.home.appendingPathComponent("profiles/coder"), withIntermediateDirectories: true)
        let binary = try BrowserEnvironment.binary().path
        let token = try await offThePool { [home = site.home] in try run(binary, ["token", "--home", home.path]) }
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let base = String(site.url.dropLast())
        let lines = try Self.commands(in: "Use it on your own agent")
        #expect(lines.count >= 5, "\(lines)")
        var ran = 0
        for line in lines {
            if line.hasPrefix("make release") || line.hasPrefix("sudo install ") { continue }
            var command = line.replacingOccurrences(of: #"^hermes-workspace "#, with: binary + " ", options: .regularExpression)
                .replacingOccurrences(of: "~/.hermes", with: site.home.path)
                .replacingOccurrences(of: "http://127.0.0.1:9119", with: base)
                .replacingOccurrences(of: "$TOKEN", with: token)
                .replacingOccurrences(of: #"\s+#.*$"#, with: "", options: .regularExpression)
            let serving = command.contains(" serve ")
            // A second server beside the one under test, stopped (SIGINT, a graceful stop) after a few seconds.
            if serving { command = "timeout -s INT 8 " + command + " --port 0" }
            let input = command.contains(" passwd ") || command.contains(" user add ") ? "readme-example-password\n" : ""
            let (status, output) = try await offThePool { [command] in try Self.shell(command, input: input) }
            #expect(status == 0 || (serving && output.contains("serving")), "\(line)\nexit \(status):\n\(output)")
            #expect(!output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(line) printed nothing")
            ran += 1
        }
        #expect(ran == lines.count - 2, "every example ran")
    }

    /// Runs `command` with `/bin/sh -c`, `input` on stdin: its exit status and everything it printed.
    static func shell(_ command: String, input: String) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: printed, as: UTF8.self))
    }
}
