import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WorkspaceServer

@Suite struct SPAServingTests {
    /// The page never carries a credential (any local account could fetch it): browsers sign in instead.
    @Test func deepLinksGetIndexWithoutTheTokenAndNoStore() async throws {
        try await TestServer.test { server, client in
            for uri in ["/", "/status", "/sessions/20261124_101500_a1b2c3"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                    #expect(response.headers[.cacheControl] == "no-store")
                    #expect(!String(buffer: response.body).contains(server.token))
                    #expect(String(buffer: response.body).contains(#"<meta name="hermes-base-path""#))
                }
            }
        }
    }

    @Test func hashedAndVersionedAssetsAreImmutable() async throws {
        try await TestServer.test { server, client in
            for uri in ["/app-0123456789.js", "/vendor/react@18.3.1.min.js"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.cacheControl]?.contains("immutable") == true)
                    #expect(response.headers[.contentType]?.hasPrefix("text/javascript") == true)
                }
            }
        }
    }

    @Test func pathTricksNeverReachFilesOutsideTheWebFolder() async throws {
        try await TestServer.test { server, client in
            for uri in [
                "/../outside.txt", "/%2e%2e/outside.txt", "/vendor/../../outside.txt", "/%2E%2E%2F%2E%2E%2Foutside.txt",
                "/leak.txt", "/vendor/%2e%2e/dist/index.html", "/..%2foutside.txt", "/app-0123456789.js/..%2f..%2foutside.txt",
            ] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(!String(buffer: response.body).contains("secret"), "\(uri)")
                    #expect(
                        [.notFound, .badRequest].contains(response.status) || String(buffer: response.body).contains("hermes-base-path"), "\(uri)")
                }
            }
            try await client.execute(uri: "/missing-0123abcd.js", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(errorCode(response.body) == "not_found")
            }
        }
    }

    @Test func aNonLoopbackBindDoesNotEmbedTheToken() async throws {
        try await TestServer.test(host: "0.0.0.0") { server, client in
            try await client.execute(uri: "/status", method: .get) { response in
                #expect(response.status == .ok)
                #expect(!String(buffer: response.body).contains(server.token))
            }
        }
    }

    @Test func aBasePathPrefixesEveryRouteAndAsset() async throws {
        try await TestServer.test(basePath: "/hermes/") { server, client in
            try await client.execute(uri: "/hermes/api/v1/health", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/hermes/api/v1/status", method: .get, headers: server.authorized) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/hermes/cron", method: .get) { response in
                #expect(String(buffer: response.body).contains(#"content="/hermes""#))
            }
            try await client.execute(uri: "/hermes/app-0123456789.js", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/health", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    /// The catalog built into the binary is the same catalog a folder gives: `dist/` at the root, `vendor/` under
    /// `/vendor/`, nothing else and no hidden name; the folder and the embedded copy answer with the same bytes.
    @Test func embeddedFilesAreTheSameCatalogAsTheFolder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("spa-embedded-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let files: [String: Data] = [
            "dist/index.html": Data("<html>__APP_JS__</html>".utf8), "dist/app-0123456789.js": Data("console.log(1)".utf8),
            "vendor/react@18.3.1.min.js": Data("window.React={}".utf8), "dist/.hidden": Data("no".utf8),
            "src/App.tsx": Data("no".utf8),
        ]
        for (path, data) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        let embedded = SPAAssets(files: files)
        let folder = SPAAssets.load(webRoot: root.path)
        #expect(Set(embedded.files.keys) == ["/app-0123456789.js", "/vendor/react@18.3.1.min.js"])
        #expect(Set(folder.files.keys) == Set(embedded.files.keys))
        for (path, asset) in embedded.files {
            #expect(asset.body == folder.files[path]?.body && asset.contentType == folder.files[path]?.contentType && asset.immutable, "\(path)")
        }
        #expect(embedded.indexTemplate == "<html>__APP_JS__</html>" && folder.indexTemplate == embedded.indexTemplate)
        #expect(SPAAssets(files: ["dist/../x.js": Data(), "vendor//y.js": Data(), "dist/": Data()]).files.isEmpty)
    }
}
