import Foundation
import Testing
@testable import WorkspaceServer

@Suite struct OpenAPIContractTests {
    /// `METHOD /path` pairs declared under `paths:` in openapi.yaml (path keys at two spaces, methods at four).
    private static func specifiedRoutes() throws -> Set<String> {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../openapi.yaml").standardizedFileURL
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        var routes = Set<String>()
        var inPaths = false
        var currentPath: String?
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]
        for line in lines {
            if !line.hasPrefix(" ") && !line.isEmpty { inPaths = line == "paths:" ; continue }
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

    @Test func everyRegisteredRouteIsInTheSpecAndViceVersa() throws {
        let server = try TestServer()
        defer { server.remove() }
        let registered = Set(server.router.routes.map { route -> String in
            let path = route.path.components.map { component -> String in
                let text = "\(component)"
                // A trailing `**` catches the rest of the path; the spec names it {path}.
                return text.hasPrefix(":") ? "{\(text.dropFirst())}" : text == "**" ? "{path}" : text
            }.joined(separator: "/")
            return "\(route.method) /\(path)"
        })
        let specified = try Self.specifiedRoutes()
        #expect(!specified.isEmpty)
        #expect(registered.subtracting(specified).isEmpty, "routes missing from openapi.yaml: \(registered.subtracting(specified).sorted())")
        #expect(specified.subtracting(registered).isEmpty, "spec routes without a handler: \(specified.subtracting(registered).sorted())")
    }
}
