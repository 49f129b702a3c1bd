import Testing

@testable import WorkspaceServer

/// The byte-level fast paths every request takes (Host header, request path) answer exactly what the full checks
/// answer, for every string built from the characters that matter: letters of both cases, digits, dots, dashes,
/// colons, slashes, `%`, brackets, spaces and a non-ASCII letter, up to four (paths five) characters long.
@Suite struct FastPathEquivalenceTests {
    private func strings(of alphabet: [String], upTo length: Int) -> [String] {
        var all = [""]
        var layer = [""]
        for _ in 0..<length {
            layer = layer.flatMap { prefix in alphabet.map { prefix + $0 } }
            all += layer
        }
        return all
    }

    @Test func hostHeadersParseTheSameEitherWay() {
        let headers =
            strings(of: ["a", "Z", "1", "0", ".", "-", "_", ":", "[", "]", " ", "é"], upTo: 4)
            + ["localhost:9119", "127.0.0.1:65535", "127.0.0.1:65536", "127.0.0.1:0", "example.com.:443", "host:012345", "LOCALHOST", "[::1]:9119"]
        for header in headers {
            let plain = HostAllowList.parsePlain(header)
            guard let plain else { continue }
            let full = HostAllowList.parseInFull(hostHeader: header)
            #expect(full?.host == plain.host && full?.port == plain.port, "\(header.debugDescription): \(plain) vs \(String(describing: full))")
        }
        #expect(HostAllowList.parsePlain("127.0.0.1:9119")?.host == "127.0.0.1", "the common header takes the fast path")
    }

    @Test func pathsAreJudgedTheSameEitherWay() {
        let paths =
            strings(of: ["/", "a", ".", "%", "2", "f", "-", "~", "\\"], upTo: 5).map { "/" + $0 }
            + ["/api/v1/sessions", "/api/v1/../v1/status", "/api/v1/./status", "/api//v1", "/api/v1/...", "/api/v1/.x", "/", "//", "/a/"]
        var fast = 0
        for path in paths {
            guard let plain = PathGuardMiddleware.isAcceptablePlain(path) else { continue }
            fast += 1
            #expect(plain == PathGuardMiddleware.isAcceptableInFull(path), "\(path.debugDescription)")
        }
        #expect(fast > 1_000, "most of these paths take the fast path")
        #expect(PathGuardMiddleware.isAcceptablePlain("/api/v1/logs") == true)
    }
}
