import Foundation
import Testing

/// `serve --tls-cert --tls-key` with a self-signed certificate made in the test: HTTPS answers, HTTP/2 is offered by
/// ALPN, plain HTTP on the same port is refused, and an unreadable key stops the server with a clear message.
@Suite(.serialized) struct TLSServeTests {
    static let tools =
        FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") && FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")

    /// Connects with the certificate as the only trust anchor, offers h2 and http/1.1, reports the protocol chosen,
    /// then asks for /api/v1/health over HTTP/1.1.
    private static let client = """
        import json, socket, ssl, sys, urllib.request
        port, ca = int(sys.argv[1]), sys.argv[2]
        context = ssl.create_default_context(cafile=ca)
        context.set_alpn_protocols(["h2", "http/1.1"])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
            with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
                alpn = tls.selected_alpn_protocol()
        health = json.loads(urllib.request.urlopen("https://127.0.0.1:%d/api/v1/health" % port, context=ssl.create_default_context(cafile=ca), timeout=10).read())
        try:
            urllib.request.urlopen("http://127.0.0.1:%d/api/v1/health" % port, timeout=5).read()
            plain = "answered"
        except Exception as error:
            plain = "refused"
        print(json.dumps({"alpn": alpn, "health": health.get("status"), "plain": plain}))
        """

    @Test(.enabled(if: tools, "openssl and python3 are needed to make and check a certificate"))
    func httpsWithACertificateMadeHere() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hermes-e2e-tls-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let home = root.appendingPathComponent("home")
        let binary = try BrowserEnvironment.binary()
        try await offThePool { try run(binary.path, ["demo", home.path, "--sessions", "1"]) }
        let cert = root.appendingPathComponent("cert.pem").path
        let key = root.appendingPathComponent("key.pem").path
        try await offThePool {
            try run(
                "/usr/bin/openssl",
                [
                    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert,
                ])
        }
        let server = try ServerProcess(
            binary: binary, home: home, webRoot: BrowserEnvironment.repository.appendingPathComponent("web"),
            arguments: ["--tls-cert", cert, "--tls-key", key])
        defer { server.stop() }
        let url = try await server.waitForReadyURL(scheme: "https://")
        let port = try #require(url.split(separator: ":").last.flatMap { Int($0.prefix { $0.isNumber }) })
        let answer = try await offThePool { try run("/usr/bin/python3", ["-c", Self.client, String(port), cert]) }
        let result = try #require(try JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String: Any])
        #expect(result["health"] as? String == "ok", "\(result)")
        #expect(result["alpn"] as? String == "h2", "HTTP/2 is offered: \(result)")
        #expect(result["plain"] as? String == "refused")

        let broken = root.appendingPathComponent("broken.pem")
        try Data("not a key".utf8).write(to: broken)
        let refused = Process()
        refused.executableURL = binary
        refused.arguments = ["serve", "--home", home.path, "--port", "0", "--tls-cert", cert, "--tls-key", broken.path]
        let errors = Pipe()
        refused.standardError = errors
        refused.standardOutput = FileHandle.nullDevice
        try refused.run()
        let message = try await offThePool { () -> String in
            let data = errors.fileHandleForReading.readDataToEndOfFile()
            refused.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        #expect(refused.terminationStatus != 0 && message.contains("could not be read as PEM"), "\(message)")
    }
}
