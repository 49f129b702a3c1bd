import Foundation
import TestSupport
import Testing
import WorkspaceCore
import Yams

/// The closed sets the server writes on the wire are the sets `openapi.yaml` names, both ways: a new audit action,
/// event kind or outcome fails here until the spec lists it, and a spec value the code no longer has fails too.
@Suite struct ContractEnumTests {
    private static func spec() throws -> [String: Any] {
        let url = Repository.openAPI
        return try #require(try Yams.load(yaml: String(contentsOf: url, encoding: .utf8)) as? [String: Any])
    }

    private static func schemas() throws -> [String: Any] {
        let components = try #require(try spec()["components"] as? [String: Any])
        return try #require(components["schemas"] as? [String: Any])
    }

    private static func specEnum(_ schema: String, _ property: String) throws -> [String] {
        let object = try #require(try schemas()[schema] as? [String: Any], "\(schema) is in openapi.yaml")
        let properties = try #require(object["properties"] as? [String: Any])
        let field = try #require(properties[property] as? [String: Any], "\(schema).\(property) is in openapi.yaml")
        return try #require(field["enum"] as? [String], "\(schema).\(property) lists an enum")
    }

    private static func expectSame(_ spec: [String], _ code: [String], _ what: String) {
        #expect(Set(code).subtracting(spec).isEmpty, "\(what) missing from openapi.yaml: \(Set(code).subtracting(spec).sorted())")
        #expect(Set(spec).subtracting(code).isEmpty, "\(what) in openapi.yaml but not in the code: \(Set(spec).subtracting(code).sorted())")
        #expect(spec.count == Set(spec).count, "\(what) listed twice in openapi.yaml")
    }

    @Test func auditActionsAndOutcomesAreTheSpecs() throws {
        Self.expectSame(try Self.specEnum("AuditEvent", "action"), AuditAction.allCases.map(\.rawValue), "audit actions")
        Self.expectSame(try Self.specEnum("AuditEvent", "outcome"), AuditOutcome.allCases.map(\.rawValue), "audit outcomes")
    }

    @Test func refusalReasonsAreTheSpecs() throws {
        let report = try #require(try Self.schemas()["DeletionReport"] as? [String: Any])
        let refused = try #require((report["properties"] as? [String: Any])?["refused"] as? [String: Any])
        let item = try #require((refused["items"] as? [String: Any])?["properties"] as? [String: Any])
        let reason = try #require((item["reason"] as? [String: Any])?["enum"] as? [String])
        Self.expectSame(reason, DeletionReport.Refusal.Reason.allCases.map(\.rawValue), "deletion refusal reasons")
    }

    @Test func eventKindsAreTheSpecs() throws {
        Self.expectSame(try Self.specEnum("ServerSentEvent", "event"), EventKind.allCases.map(\.rawValue), "event kinds")
    }

    /// Every operation belongs to exactly one tab (a declared tag), so the spec reads tab by tab like the code.
    @Test func everyOperationIsTaggedWithOneTab() throws {
        let spec = try Self.spec()
        let declared = Set(try #require(spec["tags"] as? [[String: Any]]).compactMap { $0["name"] as? String })
        let paths = try #require(spec["paths"] as? [String: [String: Any]])
        var operations = 0
        for (path, methods) in paths {
            for (method, operation) in methods {
                guard let operation = operation as? [String: Any], operation["operationId"] != nil else { continue }
                operations += 1
                let tags = operation["tags"] as? [String] ?? []
                #expect(tags.count == 1 && declared.contains(tags[0]), "\(method.uppercased()) \(path) has tags \(tags)")
            }
        }
        #expect(operations > 50)
    }
}
