import Foundation
import Hummingbird
import NIOCore
import NIOHTTP1
import WorkspaceCore

extension APIError {
    /// The one place where any error becomes an HTTP answer.
    ///
    /// Unknown errors become a 500 whose message says nothing about internals; the caller logs the detail.
    init(mapping error: any Error, request: Request) {
        switch error {
        case let error as APIError:
            self = error
        case let error as WorkspaceError:
            self = Self.from(error)
        case let error as ConfigProblem:
            self = Self.from(error)
        case let error as DotEnvEditor.Refusal:
            self = Self.from(error)
        case let refusal as SignIn.Refusal:
            self = Self.from(refusal)
        case let error as HTTPError:
            self = Self.from(error, request: request)
        case is HTTPParserError:
            self = APIError(
                .badRequest, code: "bad_request", message: "The request's framing is not valid HTTP (Transfer-Encoding or Content-Length).")
        case is NIOTooManyBytesError:
            self = APIError(.contentTooLarge, code: "payload_too_large", message: "The request body is larger than the server accepts.")
        case is DecodingError:
            self = APIError(.badRequest, code: "invalid_json", message: "The request body is not valid JSON of the expected shape.")
        default:
            self = APIError(
                .internalServerError, code: "internal_error", message: "The server hit an unexpected error; see its log for the request id.")
        }
    }

    private static func from(_ error: WorkspaceError) -> APIError {
        switch error {
        case .homeNotFound: APIError(.serviceUnavailable, code: "home_not_found", message: error.description)
        case .notFound: APIError(.notFound, code: "not_found", message: error.description)
        case .invalidInput: APIError(.badRequest, code: "invalid_input", message: error.description)
        case .limitExceeded: APIError(.unprocessableContent, code: "limit_exceeded", message: error.description)
        case .storageFailure: APIError(.internalServerError, code: "storage_failure", message: error.description)
        case .unavailable: APIError(.serviceUnavailable, code: "unavailable", message: error.description)
        case .conflict: APIError(.conflict, code: "conflict", message: error.description)
        case .revisionRequired: APIError(.preconditionRequired, code: "revision_required", message: error.description)
        case .readOnly: APIError(.forbidden, code: "read_only", message: error.description)
        case .forbidden: APIError(.forbidden, code: "forbidden", message: error.description)
        case .rateLimited(let seconds):
            APIError(.tooManyRequests, code: "rate_limited", message: error.description, headers: [.retryAfter: String(seconds)])
        }
    }

    private static func from(_ problem: ConfigProblem) -> APIError {
        switch problem {
        case .syntax(let line, let column, let message):
            APIError(
                .unprocessableContent, code: "yaml_syntax", message: problem.description,
                details: ["line": String(line), "column": String(column), "problem": message])
        case .tooComplex: APIError(.unprocessableContent, code: "too_complex", message: problem.description)
        case .invalid(let issues): APIError(.unprocessableContent, code: "validation_failed", message: problem.description, details: issues)
        case .editConflict(let path, _): APIError(.unprocessableContent, code: "edit_conflict", message: problem.description, details: ["path": path])
        case .tooLarge: APIError(.contentTooLarge, code: "payload_too_large", message: problem.description)
        }
    }

    private static func from(_ refusal: SignIn.Refusal) -> APIError {
        switch refusal {
        case .passwordNotSet: APIError(.conflict, code: "login_off", message: refusal.description)
        case .passwordSet: APIError(.conflict, code: "login_on", message: refusal.description)
        case .wrongCredentials: APIError(.unauthorized, code: "invalid_credentials", message: refusal.description)
        case .unknownLink: APIError(.unauthorized, code: "invalid_link", message: refusal.description)
        case .secondFactorRequired: APIError(.unauthorized, code: "second_factor_required", message: refusal.description)
        case .wrongSecondFactor: APIError(.unauthorized, code: "invalid_second_factor", message: refusal.description)
        }
    }

    private static func from(_ refusal: DotEnvEditor.Refusal) -> APIError {
        switch refusal {
        case .invalidName: APIError(.badRequest, code: "invalid_name", message: refusal.description)
        case .deniedName: APIError(.forbidden, code: "denied_name", message: refusal.description)
        case .invalidValue: APIError(.unprocessableContent, code: "invalid_value", message: refusal.description)
        }
    }

    private static func from(_ error: HTTPError, request: Request) -> APIError {
        switch error.status {
        case .notFound:
            APIError(.notFound, code: "not_found", message: "No route \(request.method) \(request.uri.path).")
        case .contentTooLarge:
            APIError(.contentTooLarge, code: "payload_too_large", message: "The request body is larger than the server accepts.")
        case .methodNotAllowed:
            APIError(.methodNotAllowed, code: "method_not_allowed", message: "\(request.method) is not allowed on \(request.uri.path).")
        default:
            APIError(
                error.status, code: error.status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_"),
                message: error.body ?? error.status.reasonPhrase)
        }
    }
}
