import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Headless Chromium driven over the DevTools protocol on `--remote-debugging-pipe` (fd 3 in, fd 4 out, messages
/// ended by NUL), so a test can type, click and wait like a person. Every read has a deadline; nothing can hang.
final class DevToolsBrowser {
    private let pid: pid_t
    private let commands: Int32
    private let events: Int32
    private var nextID = 0
    private var pending = Data()
    private var sessionID: String?
    private let profile: String
    /// What the page logged (`level: text url`) since ``recordLog()``: console errors and failed requests.
    private(set) var logged: [String] = []

    /// Starts Chromium with its own `profile` folder; `timeZone` (an IANA id) is the zone its pages live in.
    init(chromium: String, profile: URL, timeZone: String? = nil) throws {
        self.profile = profile.path
        var toBrowser: [Int32] = [0, 0]
        var fromBrowser: [Int32] = [0, 0]
        guard pipe(&toBrowser) == 0, pipe(&fromBrowser) == 0 else { throw BrowserTestError("pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toBrowser[0], 3)
        posix_spawn_file_actions_adddup2(&actions, fromBrowser[1], 4)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let arguments = [
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", "--no-first-run",
            "--window-size=1280,2000", "--user-data-dir=\(profile.path)", "about:blank",
        ]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var environment = ProcessInfo.processInfo.environment
        if let timeZone { environment["TZ"] = timeZone }
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, chromium, &actions, nil, &argv, &envp)
        Glibc.close(toBrowser[0])
        Glibc.close(fromBrowser[1])
        guard status == 0 else { throw BrowserTestError("chromium did not start (\(status))") }
        pid = child
        commands = toBrowser[1]
        events = fromBrowser[0]
    }

    /// Opens `url` in a new tab and attaches to it; later calls act on that tab.
    func open(_ url: String) throws {
        let target = try send("Target.createTarget", ["url": url], inSession: false)
        let attached = try send("Target.attachToTarget", ["targetId": target["targetId"] as? String ?? "", "flatten": true], inSession: false)
        sessionID = attached["sessionId"] as? String
    }

    /// Starts collecting what the page logs into ``logged`` (each later call reads the events that arrived).
    func recordLog() throws {
        _ = try send("Log.enable", [:])
    }

    /// The value of a JavaScript expression in the page (promises awaited).
    @discardableResult
    func evaluate(_ expression: String) throws -> Any? {
        let answer = try send("Runtime.evaluate", ["expression": expression, "awaitPromise": true, "returnByValue": true])
        if let exception = answer["exceptionDetails"] as? [String: Any] {
            throw BrowserTestError("page script failed: \((exception["exception"] as? [String: Any])?["description"] ?? exception)")
        }
        return (answer["result"] as? [String: Any])?["value"]
    }

    /// Waits until `condition` (a JavaScript expression) is truthy, or fails naming it. A page still loading
    /// (no execution context yet, or a navigation under way) counts as "not yet". The default deadline is generous:
    /// the full suite runs several Chromiums and servers at once on two cores.
    func waitUntil(_ condition: String, seconds: Double = 30) throws {
        let deadline = Date().addingTimeInterval(seconds)
        var lastProblem = ""
        while Date() < deadline {
            do {
                if let value = try evaluate("!!(\(condition))") as? Bool, value { return }
            } catch {
                lastProblem = " (last error: \(error))"
            }
            usleep(100_000)
        }
        throw BrowserTestError("timed out waiting for \(condition)\(lastProblem)")
    }

    /// Sets a React-controlled input, textarea or select the way typing would (native setter, then the event).
    /// Signs in on the page's sign-in form as `user` (login mode), once the form is there.
    func signIn(user: String, password: String) throws {
        try waitUntil("document.querySelector('#signin-password')")
        try fill("#signin-user", user)
        try fill("#signin-password", password)
        try click(button: "Sign in")
    }

    func fill(_ selector: String, _ value: String) throws {
        let script = """
            (() => { const element = document.querySelector(\(Self.literal(selector)));
              if (!element) throw new Error('no element ' + \(Self.literal(selector)));
              const prototype = element instanceof HTMLSelectElement ? HTMLSelectElement.prototype
                : element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
              Object.getOwnPropertyDescriptor(prototype, 'value').set.call(element, \(Self.literal(value)));
              element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
              return true; })()
            """
        try evaluate(script)
    }

    /// Clicks the first button inside `scope` whose text is `label`.
    func click(button label: String, in scope: String = "body") throws {
        let script = """
            (() => { const scope = document.querySelector(\(Self.literal(scope)));
              const button = scope && [...scope.querySelectorAll('button')].find((b) => b.textContent.trim() === \(Self.literal(label)));
              if (!button) throw new Error('no button ' + \(Self.literal(label)));
              if (button.disabled) throw new Error('button is disabled: ' + \(Self.literal(label)));
              button.click(); return true; })()
            """
        try evaluate(script)
    }

    /// Makes the page `width` × `height` CSS pixels (a phone-like touch viewport below 600 px).
    func setViewport(width: Int, height: Int) throws {
        _ = try send(
            "Emulation.setDeviceMetricsOverride",
            ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600, "screenWidth": width, "screenHeight": height])
    }

    /// Saves what the page shows as a PNG at `file`.
    func screenshot(to file: URL) throws {
        let answer = try send("Page.captureScreenshot", ["format": "png"])
        guard let text = answer["data"] as? String, let data = Data(base64Encoded: text) else { throw BrowserTestError("no screenshot") }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    /// A JavaScript string literal for `text`.
    static func literal(_ text: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: [text]), as: UTF8.self).dropFirst().dropLast().description
    }

    func close() {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        // Chromium's helpers (renderers, the network service) outlive a killed browser process for a while, holding
        // connections open and writing into the profile; end every process started for this profile.
        let marker = "--user-data-dir=\(profile)"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let other = pid_t(entry), let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            if arguments.contains(marker) { kill(other, SIGKILL) }
        }
        Glibc.close(commands)
        Glibc.close(events)
    }

    private func send(_ method: String, _ params: [String: Any], inSession: Bool = true) throws -> [String: Any] {
        nextID += 1
        var message: [String: Any] = ["id": nextID, "method": method, "params": params]
        if inSession, let sessionID { message["sessionId"] = sessionID }
        var data = try JSONSerialization.data(withJSONObject: message)
        data.append(0)
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(commands, buffer.baseAddress! + offset, buffer.count - offset)
                guard written > 0 else { throw BrowserTestError("the browser closed its pipe") }
                offset += written
            }
        }
        // A hang guard, not a timing assertion: under a full parallel test run on 2 cores one axe pass or
        // screenshot has taken over 30 s (the layout test's clean-clone run), so the guard is 120 s.
        let deadline = Date().addingTimeInterval(120)
        while true {
            let reply = try nextMessage(before: deadline)
            if reply["method"] as? String == "Log.entryAdded", let entry = (reply["params"] as? [String: Any])?["entry"] as? [String: Any] {
                logged.append("\(entry["level"] ?? ""): \(entry["text"] ?? "") \(entry["url"] ?? "")")
            }
            guard reply["id"] as? Int == nextID else { continue }
            if let error = reply["error"] as? [String: Any] { throw BrowserTestError("\(method) failed: \(error)") }
            return reply["result"] as? [String: Any] ?? [:]
        }
    }

    private func nextMessage(before deadline: Date) throws -> [String: Any] {
        while true {
            if let end = pending.firstIndex(of: 0) {
                let body = pending[pending.startIndex..<end]
                pending = Data(pending[(end + 1)...])
                return (try JSONSerialization.jsonObject(with: body) as? [String: Any]) ?? [:]
            }
            var descriptor = pollfd(fd: events, events: Int16(POLLIN), revents: 0)
            let wait = Int32(max(0, deadline.timeIntervalSinceNow) * 1000)
            guard wait > 0, poll(&descriptor, 1, wait) > 0 else { throw BrowserTestError("the browser did not answer in time") }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = read(events, &chunk, chunk.count)
            guard count > 0 else { throw BrowserTestError("the browser closed its pipe") }
            pending.append(contentsOf: chunk[0..<count])
        }
    }
}
