import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WorkspaceCore

@testable import WorkspaceServer

/// Access, generated from the router's own table: every route the server registers × its method × path spellings
/// (`/api`, `//api`, `///api`, `/api//v1`, `//base/api`, `/base//api`, `%2F` variants) × every kind of credential. A route added
/// tomorrow is covered by this test without editing it.
@Suite struct RouteAccessTests {
    /// A credential to try, and the role it should act with (`nil`: none at all).
    struct Credential: CustomStringConvertible {
        let name: String
        let headers: HTTPFields
        let role: Role?
        var description: String { name }
    }

    /// The codes the access layer refuses with.
    static let accessCodes: Set<String> = ["unauthorized", "forbidden", "session_expired", "invalid_ticket", "csrf", "cross_site_request"]

    /// The route's path with every parameter filled in.
    static func concrete(_ template: String) -> String {
        template.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix(":") || segment == "*" || segment == "**" ? "x" : String(segment)
        }.joined(separator: "/")
    }

    /// Spellings of `path` (which starts with `/base` when the server has a base path) that must never reach a route.
    static func trickSpellings(_ path: String, basePath: String) -> [String] {
        let rest = String(path.dropFirst(basePath.count))  // /api/v1/...
        var spellings = [
            basePath + "/" + rest, basePath + "//" + rest, basePath + rest.replacingOccurrences(of: "/api/", with: "/api//"),
            basePath + rest.replacingOccurrences(of: "/api/v1", with: "/api%2Fv1"), basePath + "/%2F" + rest.dropFirst(),
            basePath + rest.replacingOccurrences(of: "/v1/", with: "/v1%2f"),
        ]
        if !basePath.isEmpty { spellings.append("/" + basePath + rest) }
        return spellings.filter { $0 != path }
    }

    static func credentials(_ server: TestServer, loginMode: Bool) throws -> [Credential] {
        func bearer(_ secret: String) -> HTTPFields { [.authorization: "Bearer \(secret)"] }
        var list = [
            Credential(name: "no credential", headers: [:], role: nil),
            Credential(name: "wrong token", headers: bearer("hwt_" + String(repeating: "A", count: 43)), role: nil),
            Credential(name: "basic auth", headers: [.authorization: "Basic YWRtaW46YWRtaW4="], role: nil),
            Credential(name: "junk cookie", headers: [.cookie: "hermes_session=junk"], role: nil),
        ]
        for role in Role.allCases {
            let token = try server.services.credentials.createToken(name: "test-\(role.rawValue)", role: role)
            list.append(Credential(name: "\(role.rawValue) token", headers: bearer(token.secret), role: role))
        }
        list.append(
            Credential(
                name: "token file (\(loginMode ? "login mode" : "no password"))", headers: bearer(server.token),
                role: loginMode ? .viewer : .admin))
        // In login mode, a signed-in browser of each account role too (cookie and CSRF token, as the page sends them).
        if loginMode {
            for role in Role.staff {
                let (secret, session) = try server.services.loginSessions.create(user: "\(role.rawValue)-person", role: role, client: "127.0.0.1")
                list.append(
                    Credential(
                        name: "\(role.rawValue) sign-in", headers: [.cookie: "hermes_session=\(secret)", .csrfToken: session.csrf], role: role))
            }
        }
        return list
    }

    private static func check(basePath: String, loginMode: Bool) async throws {
        try await TestServer.test(basePath: basePath, metrics: true) { server, client in
            if loginMode {
                for role in Role.staff {
                    try server.services.accounts.create("\(role.rawValue)-person", role: role, password: "a long enough password")
                }
            }
            let table = buildRoutes(
                configuration: server.configuration, services: server.services,
                assets: SPAAssets.load(webRoot: server.webRoot.path), logger: server.logs.logger
            ).table
            #expect(table.entries.count >= 60, "the table lists every route")
            let credentials = try Self.credentials(server, loginMode: loginMode)
            let admin = try #require(credentials.first { $0.role == .admin })
            for entry in table.entries {
                let path = Self.concrete(entry.path)
                for credential in credentials {
                    let admitted = credential.role.map(entry.access.admits) ?? entry.access.isPublic
                    // An admitted request to an endless stream would never finish; its refusals are what matter here.
                    if admitted && entry.acceptsTicket { continue }
                    // Signing out would end the sign-in the later routes are tried with (every other credential tries it).
                    if admitted && entry.path.hasSuffix("auth/logout") && credential.name.hasSuffix("sign-in") { continue }
                    try await client.execute(uri: path, method: entry.method, headers: credential.headers) { response in
                        let status = response.status.code
                        if !admitted {
                            let expected = credential.role == nil ? 401 : 403
                            #expect(
                                status == expected,
                                "\(entry.method) \(entry.path) [\(entry.access)] with \(credential): \(status), expected \(expected)")
                            #expect(errorCode(response.body) != nil, "\(entry.method) \(path): the refusal is a JSON envelope")
                        } else {
                            // The route may still refuse for its own reasons (a bad sign-in link is a 401 `invalid_link`),
                            // never with the access layer's codes.
                            let code = errorCode(response.body) ?? ""
                            #expect(
                                !((status == 401 || status == 403) && Self.accessCodes.contains(code)),
                                "\(entry.method) \(entry.path) [\(entry.access)] with \(credential): refused with \(status) \(code)")
                        }
                    }
                }
                for spelling in Self.trickSpellings(path, basePath: basePath) {
                    for credential in [credentials[0], admin] {
                        try await client.execute(uri: spelling, method: entry.method, headers: credential.headers) { response in
                            #expect(response.status == .badRequest, "\(entry.method) \(spelling) with \(credential): \(response.status.code)")
                            #expect(errorCode(response.body) == "invalid_path")
                        }
                    }
                }
            }
        }
    }

    @Test func everyRouteWithoutBasePath() async throws {
        try await Self.check(basePath: "", loginMode: false)
    }

    @Test func everyRouteUnderABasePathInLoginMode() async throws {
        try await Self.check(basePath: "/base", loginMode: true)
    }

    /// A ticket carries the access of whoever asked for it, opens only the streams, and only once.
    @Test func ticketsOpenOnlyTheStreamsWithTheirOwnersAccess() async throws {
        try await TestServer.test { server, client in
            let agent = try server.services.credentials.createToken(name: "bridge", role: .agent)
            try await client.execute(uri: "/api/v1/events/ticket", method: .post, headers: [.authorization: "Bearer \(agent.secret)"]) { response in
                #expect(response.status == .forbidden, "the agent credential cannot open event streams")
            }
            let viewer = try server.services.credentials.createToken(name: "viewer", role: .viewer)
            var ticket = ""
            try await client.execute(uri: "/api/v1/events/ticket", method: .post, headers: [.authorization: "Bearer \(viewer.secret)"]) { response in
                #expect(response.status == .ok)
                ticket = (try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])?["ticket"] as? String ?? ""
            }
            try await client.execute(uri: "/api/v1/status?ticket=\(ticket)", method: .get) { response in
                #expect(response.status == .unauthorized, "a ticket is no credential outside the streams")
            }
            try await client.execute(uri: "/api/v1/keys/X/reveal?ticket=\(ticket)", method: .post) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    /// Outstanding tickets are bounded per credential.
    @Test func ticketsAreNotIssuedWithoutLimit() async throws {
        try await TestServer.test { server, client in
            var statuses: [UInt] = []
            for _ in 0..<40 {
                try await client.execute(uri: "/api/v1/events/ticket", method: .post, headers: server.authorized) { response in
                    statuses.append(UInt(response.status.code))
                }
            }
            #expect(statuses.prefix(32).allSatisfy { $0 == 200 })
            #expect(statuses.dropFirst(32).allSatisfy { $0 == 429 })
        }
    }
}
