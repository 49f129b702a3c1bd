import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import WorkspaceServer

@Suite struct OpenAPIContractTests {
    /// `METHOD /path` pairs declared under `paths:` in openapi.yaml (path keys at two spaces, methods at four).
    private static func specifiedRoutes() throws -> Set<String> {
        let url = Repository.openAPI
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        var routes = Set<String>()
        var inPaths = false
        var currentPath: String?
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]
        for line in lines {
            if !line.hasPrefix(" ") && !line.isEmpty {
                inPaths = line == "paths:"
                continue
            }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), !line.hasPrefix("   ") {
                currentPath = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), let currentPath {
                let key = line.trimmingCharacters(in: .whitespaces).dropLast()
                if methods.contains(String(key)) { routes.insert("\(key.uppercased()) \(currentPath)") }
            }
        }
        return routes
    }

    /// `METHOD /path` for each registered route, with captures written as the spec writes them.
    private static func registeredRoutes(_ router: Router<WorkspaceRequestContext>) -> Set<String> {
        Set(
            router.routes.map { route -> String in
                let path = route.path.components.map { component -> String in
                    let text = "\(component)"
                    // A trailing `**` catches the rest of the path; the spec names it {path}.
                    return text.hasPrefix(":") ? "{\(text.dropFirst())}" : text == "**" ? "{path}" : text
                }.joined(separator: "/")
                return "\(route.method) /\(path)"
            })
    }

    @Test func everySpecifiedRouteHasAHandlerAndEveryOtherMethodIsA405() async throws {
        let specified = try Self.specifiedRoutes()
        #expect(!specified.isEmpty)
        try await TestServer.test { server, client in
            let registered = Self.registeredRoutes(server.router)
            #expect(specified.subtracting(registered).isEmpty, "spec routes without a handler: \(specified.subtracting(registered).sorted())")
            let specifiedPaths = Set(specified.map { $0.split(separator: " ")[1] })
            let others = registered.subtracting(specified)
            #expect(others.count > specifiedPaths.count, "every path answers the methods it does not serve")
            for route in others.sorted() {
                let parts = route.split(separator: " ")
                #expect(specifiedPaths.contains(parts[1]), "\(route) is registered but its path is not in openapi.yaml")
                let uri = parts[1].replacingOccurrences(of: "{path}", with: "a/b.md")
                    .replacingOccurrences(of: #"\{[^}]+\}"#, with: "x", options: .regularExpression)
                try await client.execute(uri: uri, method: HTTPRequest.Method(String(parts[0]))!, headers: server.authorized) { response in
                    #expect(response.status == .methodNotAllowed, "\(route)")
                    let allowed = Set(response.headers[.allow]?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? [])
                    let served = Set(specified.filter { $0.hasSuffix(" " + parts[1]) }.map { String($0.split(separator: " ")[0]) })
                    #expect(allowed == served, "\(route): Allow names exactly the served methods")
                }
            }
        }
    }
}
