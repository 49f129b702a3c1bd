import Hummingbird

/// Answers a known path asked with a method it does not serve: 405 with an `Allow` header naming the methods it
/// does serve, instead of the 404 the router gives for any unmatched method.
struct MethodNotAllowedRoutes {
    /// The methods a client may reasonably try (QUERY is the safe-with-body method of the HTTP QUERY draft);
    /// anything more exotic stays a 404.
    private static let candidates: [HTTPRequest.Method] = [
        .get, .put, .post, .patch, .delete, .options, .trace, .connect,
        HTTPRequest.Method("QUERY")!,
    ]

    /// Adds the 405 answers for every path registered so far; call it after the last route.
    func addRoutes(to router: Router<WorkspaceRequestContext>) {
        var served: [String: (path: RouterPath, methods: Set<HTTPRequest.Method>)] = [:]
        for route in router.routes {
            served[route.path.description, default: (route.path, [])].methods.insert(route.method)
        }
        for (path, methods) in served.values {
            let allow = methods.map(\.rawValue).sorted().joined(separator: ", ")
            for method in Self.candidates where !methods.contains(method) {
                router.on(path, method: method) { request, _ -> Response in
                    throw APIError(
                        .methodNotAllowed, code: "method_not_allowed",
                        message: "\(request.method) is not allowed on \(request.uri.path); use \(allow).",
                        headers: [.allow: allow])
                }
            }
        }
    }
}
