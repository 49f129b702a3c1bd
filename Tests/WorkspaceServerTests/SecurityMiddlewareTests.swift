import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WorkspaceServer

@Suite struct SecurityMiddlewareTests {
    @Test func healthNeedsNoTokenButStatusDoes() async throws {
        try await TestServer.test { server, client in
            try await client.execute(uri: "/api/v1/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#""status":"ok""#))
            }
            try await client.execute(uri: "/api/v1/status", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(errorCode(response.body) == "unauthorized")
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            }
            try await client.execute(uri: "/api/v1/status", method: .get, headers: [.authorization: "Bearer wrong"]) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/api/v1/status", method: .get, headers: server.authorized) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/status", method: .get, headers: [.init("X-Hermes-Session-Token")!: server.token]) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func crossSiteStateChangesAreRefused() async throws {
        try await TestServer.test { server, client in
            var headers = server.authorized
            headers[.origin] = "http://evil.example"
            try await client.execute(uri: "/api/v1/status", method: .post, headers: headers) { response in
                #expect(response.status == .forbidden)
                #expect(errorCode(response.body) == "cross_site_request")
            }
            headers[.origin] = "null"
            try await client.execute(uri: "/api/v1/status", method: .post, headers: headers) { response in
                #expect(response.status == .forbidden)
            }
            var fetchHeaders = server.authorized
            fetchHeaders[.init("Sec-Fetch-Site")!] = "cross-site"
            try await client.execute(uri: "/api/v1/status", method: .delete, headers: fetchHeaders) { response in
                #expect(response.status == .forbidden)
            }
            // The origin must be exactly the one the request was addressed to: another port of the same host is
            // another origin (a dev server, Jupyter, the agent's own API server on 8642).
            for foreign in ["http://localhost:9119", "http://localhost:8080", "https://localhost", "http://localhost.evil.example"] {
                headers[.origin] = foreign
                try await client.execute(uri: "/api/v1/status", method: .post, headers: headers) { response in
                    #expect(response.status == .forbidden, "\(foreign)")
                }
            }
            var sameSite = server.authorized
            sameSite[.init("Sec-Fetch-Site")!] = "same-site"
            try await client.execute(uri: "/api/v1/status", method: .post, headers: sameSite) { response in
                #expect(response.status == .forbidden, "same-site is another origin on this machine")
            }
            headers[.origin] = "http://localhost"
            try await client.execute(uri: "/api/v1/status", method: .post, headers: headers) { response in
                #expect(response.status != .forbidden)
                #expect(errorCode(response.body) != nil)
            }
        }
    }

    @Test func bodiesOverTheLimitGet413() async throws {
        try await TestServer.test { server, client in
            try await client.execute(uri: "/api/v1/status", method: .post, headers: server.authorized, body: ByteBuffer(repeating: 0x41, count: 4096))
            { response in
                #expect(response.status == .contentTooLarge)
                #expect(errorCode(response.body) == "payload_too_large")
            }
        }
    }

    @Test func unknownAPIRoutesAreJSON404sAndNeverTheSPA() async throws {
        try await TestServer.test { server, client in
            try await client.execute(uri: "/api/v1/nope", method: .get, headers: server.authorized) { response in
                #expect(response.status == .notFound)
                #expect(errorCode(response.body) == "not_found")
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            }
            try await client.execute(uri: "/api/v2/status", method: .get) { response in
                #expect(response.status == .notFound, "no route, nothing to protect: a JSON 404 without credentials too")
                #expect(errorCode(response.body) == "not_found")
            }
        }
    }

    @Test func everyAnswerCarriesTheSecurityHeaders() async throws {
        try await TestServer.test { server, client in
            for uri in ["/api/v1/health", "/api/v1/status", "/sessions"] {
                try await client.execute(uri: uri, method: .get) { response in
                    let policy = response.headers[.contentSecurityPolicy] ?? ""
                    #expect(policy.contains("frame-ancestors 'none'"))
                    #expect(policy.contains("script-src 'self'"))
                    #expect(!policy.contains("unsafe-inline"))
                    #expect(response.headers[.xContentTypeOptions] == "nosniff")
                    #expect(response.headers[.init("Referrer-Policy")!] == "no-referrer")
                    #expect(response.headers[.init("X-Request-ID")!] != nil)
                }
            }
        }
    }
}
