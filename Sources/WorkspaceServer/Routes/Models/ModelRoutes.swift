import Foundation
import Hummingbird
import WorkspaceCore

/// The Models page: the main model, every auxiliary slot and the custom endpoints, with the key each needs; admins
/// change them (config.yaml's If-Match) and may test a configured endpoint.
struct ModelRoutes {
    let scope: ProfileScope

    struct MainRequest: Decodable {
        var model: String
        var provider: String?
        var baseURL: String?
    }

    struct AuxiliaryRequest: Decodable {
        var provider: String?
        var model: String?
        var baseURL: String?
    }

    struct TestRequest: Decodable {
        var baseURL: String
    }

    func addRoutes(to group: SecuredRoutes) {
        group.get("models", .read) { request, _ -> Response in
            let overview = try scope(request).models.overview()
            return try .json(overview, etag: overview.etag)
        }
        group.put("models/main", .admin) { request, context -> Response in
            let body = try await request.decode(as: MainRequest.self, context: context)
            let overview = try await scope(request).models.setMain(
                model: body.model, provider: body.provider, baseURL: body.baseURL, expecting: try Self.required(request), actor: context.auditActor)
            return try .json(overview, etag: overview.etag)
        }
        group.put("models/auxiliary/:slot", .admin) { request, context -> Response in
            let body = try await request.decode(as: AuxiliaryRequest.self, context: context)
            let overview = try await scope(request).models.setAuxiliary(
                try context.parameters.require("slot"), provider: body.provider, model: body.model, baseURL: body.baseURL,
                expecting: try Self.required(request), actor: context.auditActor)
            return try .json(overview, etag: overview.etag)
        }
        group.post("models/test", .admin) { request, context in
            let body = try await request.decode(as: TestRequest.self, context: context)
            let services = try scope(request)
            return try await services.models.test(baseURL: body.baseURL, actor: context.auditActor, audit: services.audit)
        }
    }

    private static func required(_ request: Request) throws -> ExpectedRevision {
        guard let revision = request.expectedRevision else {
            throw WorkspaceError.revisionRequired("Send If-Match with the etag of the configuration you edited.")
        }
        return revision
    }
}

extension ModelSettings.Overview: ResponseEncodable {}
extension ModelSettings.TestResult: ResponseEncodable {}
