import Foundation
import Testing

/// The workspace behind Debian's nginx and Caddy on loopback, under `/hermes`, as docs/deploy.md says to run it: sign-in, an
/// API call and the live event stream through the proxy, `Secure` cookies because the proxy reports HTTPS, the
/// client address taken from a trusted proxy and ignored from anyone else.
@Suite(.serialized) struct ReverseProxyTests {
    static let nginx = ["/usr/sbin/nginx", "/usr/bin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Speaks to the proxy from 127.0.0.3 and to the workspace directly from 127.0.0.1.
    private static let client = """
        import http.client, json, socket, sys
        proxy_port, direct_port = int(sys.argv[1]), int(sys.argv[2])
        # A bound on a hung request, not a speed check: a sign-in is 600,000 PBKDF2 rounds in a debug build, on a
        # 2-core machine that the browser and connection-pressure suites are loading at the same time.
        TIMEOUT = 60
        def call(port, method, path, body=None, headers={}, source="127.0.0.3"):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT, source_address=(source, 0))
            connection.request(method, path, body=body, headers=dict({"Host": "workspace.example", "Content-Type": "application/json"}, **headers))
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read().decode()
        out = {}
        status, headers, body = call(proxy_port, "POST", "/hermes/api/v1/auth/login", json.dumps({"user": "admin", "password": "a long enough password"}))
        out["login"] = status
        out["cookie"] = headers.get("Set-Cookie", "")
        cookie = out["cookie"].split(";")[0]
        csrf = json.loads(body).get("csrfToken", "")
        status, _, body = call(proxy_port, "GET", "/hermes/api/v1/status", headers={"Cookie": cookie})
        out["status"] = status
        status, _, body = call(proxy_port, "POST", "/hermes/api/v1/events/ticket", "", headers={"Cookie": cookie, "X-CSRF-Token": csrf})
        ticket = json.loads(body)["ticket"]
        connection = http.client.HTTPConnection("127.0.0.1", proxy_port, timeout=TIMEOUT, source_address=("127.0.0.3", 0))
        connection.request("GET", "/hermes/api/v1/events?ticket=" + ticket, headers={"Host": "workspace.example", "Accept": "text/event-stream"})
        stream = connection.getresponse()
        out["stream"] = [stream.status, stream.getheader("Content-Type")]
        call(proxy_port, "POST", "/hermes/api/v1/auth/login", json.dumps({"user": "admin", "password": "wrong one, through the proxy"}))
        call(proxy_port, "POST", "/hermes/api/v1/approvals", json.dumps({"tool": "terminal", "action": "ls"}), headers={"Cookie": cookie, "X-CSRF-Token": csrf})
        seen = b""
        while b"approvals.changed" not in seen:
            chunk = stream.fp.read1(4096)
            if not chunk:
                break
            seen += chunk
        out["event"] = seen.decode(errors="replace")
        if sys.argv[3] == "spoof":
            call(direct_port, "POST", "/hermes/api/v1/auth/login", json.dumps({"user": "admin", "password": "wrong one, spoofed"}),
                 headers={"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https", "Host": "127.0.0.1:%d" % direct_port}, source="127.0.0.1")
        print(json.dumps(out))
        """

    /// A demo home with the operator password set, served by the real binary with `arguments`.
    static func startWorkspace(root: URL, arguments: [String]) async throws -> (home: URL, server: ServerProcess, port: Int) {
        let home = root.appendingPathComponent("home")
        let binary = try BrowserEnvironment.binary()
        try await offThePool { try run(binary.path, ["demo", home.path, "--sessions", "1"]) }
        try await setOperatorPassword("a long enough password", home: home)
        let server = try ServerProcess(
            binary: binary, home: home, webRoot: BrowserEnvironment.repository.appendingPathComponent("web"), arguments: arguments)
        let url = try await server.waitForReadyURL()
        return (home, server, try #require(url.split(separator: ":").last.flatMap { Int($0.prefix { $0.isNumber }) }))
    }

    /// The client addresses of the audited sign-ins, oldest first.
    static func signInAddresses(home: URL) throws -> [String?] {
        let output = try run(
            "/usr/bin/python3",
            [
                "-c",
                """
                import json, sqlite3, sys
                rows = sqlite3.connect(sys.argv[1]).execute("SELECT client_address FROM audit WHERE action = 'auth.login' ORDER BY id").fetchall()
                print(json.dumps([row[0] for row in rows]))
                """, home.appendingPathComponent("workspace/workspace.db").path,
            ])
        return (try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String?]) ?? []
    }

    @Test(
        .enabled(
            if: nginx != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"),
            "nginx (apt-get install nginx) and python3 are needed"))
    func theWorkspaceBehindNginxWithABasePath() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hermes-e2e-nginx-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let (home, server, directPort) = try await Self.startWorkspace(
            root: root,
            arguments: [
                "--base-path", "/hermes", "--trusted-proxy", "127.0.0.2/32", "--trust-loopback-proxy", "--public-url",
                "https://workspace.example/hermes",
            ])
        defer { server.stop() }
        let proxyPort = try freePort()
        let prefix = root.appendingPathComponent("nginx")
        try FileManager.default.createDirectory(at: prefix.appendingPathComponent("logs"), withIntermediateDirectories: true)
        let config = Self.nginxConfig(proxyPort: proxyPort, upstreamPort: directPort, prefix: prefix.path)
        try config.write(to: prefix.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)
        let proxy = Process()
        proxy.executableURL = URL(fileURLWithPath: try #require(Self.nginx))
        proxy.arguments = [
            "-p", prefix.path, "-c", prefix.appendingPathComponent("nginx.conf").path, "-e", prefix.appendingPathComponent("logs/error.log").path,
        ]
        proxy.standardOutput = FileHandle.nullDevice
        proxy.standardError = FileHandle.nullDevice
        try proxy.run()
        defer {
            // `-s stop` makes the master stop its workers too (a killed master would leave them holding connections).
            _ = try? run(proxy.executableURL!.path, proxy.arguments! + ["-s", "stop"])
            proxy.waitUntilExit()
        }
        try await waitForPort(proxyPort)

        let answer = try await offThePool { try run("/usr/bin/python3", ["-c", Self.client, String(proxyPort), String(directPort), "spoof"]) }
        let result = try #require(try JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String: Any], "\(answer)")
        #expect(result["login"] as? Int == 200)
        let cookie = result["cookie"] as? String ?? ""
        let attributes = Set(cookie.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(
            cookie.hasPrefix("__Host-hermes_session=") && attributes.isSuperset(of: ["Path=/", "HttpOnly", "SameSite=Strict", "Secure"])
                && !attributes.contains { $0.lowercased().hasPrefix("domain=") },
            "the proxy reported HTTPS: a __Host- cookie (Secure, Path=/, no Domain) \(cookie)")
        #expect(result["status"] as? Int == 200, "an API call through the proxy with the session")
        #expect(
            (result["stream"] as? [Any])?.first as? Int == 200
                && ((result["stream"] as? [Any])?.last as? String)?.hasPrefix("text/event-stream") == true)
        #expect(
            (result["event"] as? String)?.contains("event: approvals.changed") == true,
            "an event arrived through the proxy as it happened: \(result["event"] ?? "")")

        let rows = try Self.signInAddresses(home: home)
        #expect(
            rows == ["127.0.0.3", "127.0.0.3", "127.0.0.1"],
            "through the trusted proxy: the client behind it; direct with a spoofed X-Forwarded-For: the real peer. \(rows)")
    }

    /// The nginx snippet of docs/deploy.md, on loopback ports, talking to the workspace from 127.0.0.2.
    static func nginxConfig(proxyPort: Int, upstreamPort: Int, prefix: String) -> String {
        """
        daemon off;
        worker_processes 1;
        pid \(prefix)/nginx.pid;
        error_log \(prefix)/logs/error.log;
        events { worker_connections 64; }
        http {
            access_log off;
            client_body_temp_path \(prefix)/body;
            proxy_temp_path \(prefix)/proxy;
            fastcgi_temp_path \(prefix)/fastcgi;
            uwsgi_temp_path \(prefix)/uwsgi;
            scgi_temp_path \(prefix)/scgi;
            server {
                listen 127.0.0.1:\(proxyPort);
                location /hermes/ {
                    proxy_pass http://127.0.0.1:\(upstreamPort);
                    proxy_bind 127.0.0.2;
                    proxy_http_version 1.1;
                    proxy_set_header Host $host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto https;
                    proxy_set_header X-Forwarded-Host $host;
                    proxy_set_header Connection "";
                    proxy_buffering off;
                    proxy_read_timeout 1h;
                }
            }
        }
        """
    }

    static let caddy = ["/usr/bin/caddy", "/usr/local/bin/caddy"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The Caddy snippet of docs/deploy.md on loopback: the same checks through Caddy (which sets the forwarded
    /// headers itself and connects from 127.0.0.1, the trusted proxy here).
    @Test(
        .enabled(
            if: caddy != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"),
            "caddy (apt-get install caddy) and python3 are needed"))
    func theWorkspaceBehindCaddyWithABasePath() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hermes-e2e-caddy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let (home, server, directPort) = try await Self.startWorkspace(
            root: root,
            arguments: [
                "--base-path", "/hermes", "--trusted-proxy", "127.0.0.1/32", "--trust-loopback-proxy", "--public-url",
                "https://workspace.example/hermes",
            ])
        defer { server.stop() }
        let proxyPort = try freePort()
        let caddyfile = root.appendingPathComponent("Caddyfile")
        try """
        {
            admin off
            auto_https off
            storage file_system \(root.appendingPathComponent("caddy-data").path)
        }
        http://:\(proxyPort) {
            bind 127.0.0.1
            handle /hermes/* {
                reverse_proxy 127.0.0.1:\(directPort) {
                    flush_interval -1
                }
            }
        }
        """.write(to: caddyfile, atomically: true, encoding: .utf8)
        let proxy = Process()
        proxy.executableURL = URL(fileURLWithPath: try #require(Self.caddy))
        proxy.arguments = ["run", "--config", caddyfile.path, "--adapter", "caddyfile"]
        proxy.environment = ["HOME": root.path, "XDG_DATA_HOME": root.path, "XDG_CONFIG_HOME": root.path, "PATH": "/usr/bin:/bin"]
        proxy.standardOutput = FileHandle.nullDevice
        proxy.standardError = FileHandle.nullDevice
        try proxy.run()
        defer {
            kill(proxy.processIdentifier, SIGKILL)
            proxy.waitUntilExit()
        }
        try await waitForPort(proxyPort)

        let answer = try await offThePool { try run("/usr/bin/python3", ["-c", Self.client, String(proxyPort), String(directPort), "nospoof"]) }
        let result = try #require(try JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String: Any], "\(answer)")
        #expect(result["login"] as? Int == 200 && result["status"] as? Int == 200)
        let cookie = result["cookie"] as? String ?? ""
        #expect(
            cookie.hasPrefix("__Host-hermes_session=") && cookie.contains("Secure"), "an https public URL makes cookies Secure and __Host-: \(cookie)"
        )
        #expect((result["event"] as? String)?.contains("event: approvals.changed") == true, "SSE through Caddy: \(result["event"] ?? "")")
        #expect(try Self.signInAddresses(home: home) == ["127.0.0.3", "127.0.0.3"], "the client behind Caddy, from its X-Forwarded-For")
    }
}
