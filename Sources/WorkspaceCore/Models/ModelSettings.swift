import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The models the agent uses (`hermes_cli/config.py`, 0.19): the main `model` (an id, or a mapping with `default`,
/// `provider`, `base_url`, `api_mode`, `context_length`), every auxiliary task slot (`auxiliary.<slot>.provider |
/// model | base_url`; `provider: auto` with no model means "use the main model's provider"), and custom
/// OpenAI-compatible endpoints (`providers:` keyed, and the legacy `custom_providers:` list). For each, which key it
/// needs and whether that key is set — read from config.yaml and `.env` only; nothing is called unless the operator
/// asks for a test, which calls only a configured base URL, with a short timeout.
public struct ModelSettings: Sendable {
    /// The auxiliary task slots of 0.19, in the agent's order.
    public static let slots = [
        "vision", "web_extract", "compression", "skills_hub", "approval", "mcp", "title_generation", "memory_query_rewrite",
        "tts_audio_tags", "triage_specifier", "kanban_decomposer", "profile_describer", "goal_judge", "curator", "monitor",
        "background_review", "moa_reference", "moa_aggregator",
    ]

    /// Provider → the `.env` variable its key comes from.
    static let providerKeys: [String: String] = [
        "openrouter": "OPENROUTER_API_KEY", "anthropic": "ANTHROPIC_API_KEY", "openai": "OPENAI_API_KEY", "nous": "NOUS_API_KEY",
        "deepseek": "DEEPSEEK_API_KEY", "zai": "GLM_API_KEY", "glm": "GLM_API_KEY", "kimi": "KIMI_API_KEY", "minimax": "MINIMAX_API_KEY",
        "fireworks": "FIREWORKS_API_KEY", "deepinfra": "DEEPINFRA_API_KEY", "huggingface": "HF_TOKEN", "gemini": "GEMINI_API_KEY",
        "google": "GOOGLE_API_KEY", "xai": "XAI_API_KEY", "dashscope": "DASHSCOPE_API_KEY", "kilocode": "KILOCODE_API_KEY",
    ]

    /// One model setting as the Models page shows it.
    public struct Slot: Sendable, Encodable, Equatable {
        /// `main`, or the auxiliary slot's name.
        public var slot: String
        public var provider: String
        public var model: String
        public var baseURL: String?
        /// Whether it falls back to the main model (`provider: auto` and no model).
        public var usesMain: Bool
        /// The key it needs (`OPENROUTER_API_KEY`, or the `${VAR}` its api_key names), and whether it is set.
        public var key: String?
        public var keySet: Bool
    }

    /// A custom OpenAI-compatible endpoint.
    public struct Endpoint: Sendable, Encodable, Equatable {
        public var name: String
        public var baseURL: String
        public var model: String?
        public var key: String?
        public var keySet: Bool
        /// `providers` (keyed) or `custom_providers` (legacy list).
        public var source: String
    }

    public struct Overview: Sendable, Encodable {
        public var main: Slot
        public var auxiliary: [Slot]
        public var endpoints: [Endpoint]
        public var etag: String
    }

    /// What a test call found.
    public struct TestResult: Sendable, Encodable, Equatable {
        public var url: String
        public var ok: Bool
        public var status: Int?
        /// How many models `/models` listed, when it answered with a list.
        public var models: Int?
        public var milliseconds: Int
        public var problem: String?
    }

    private let config: ConfigStore
    private let keys: KeyVault

    public init(config: ConfigStore, keys: KeyVault) {
        self.config = config
        self.keys = keys
    }

    public func overview() throws -> Overview {
        let snapshot = try config.snapshot()
        let value = snapshot.value
        let defined = keys.definedNames()
        // `model: id` reads as the mapping `{default: id}`, as the agent reads it.
        let model = value["model"].map { entry -> OrderedJSON in if case .object = entry { entry } else { .object([.init("default", entry)]) } }
        let main = Self.slot("main", model, modelKey: "default", defined: defined)
        let auxiliary = Self.slots.map { Self.slot($0, value["auxiliary"]?[$0], modelKey: "model", defined: defined) }
        var endpoints: [Endpoint] = []
        if case .object(let members)? = value["providers"] {
            for member in members {
                guard let url = member.value["base_url"]?.stringValue ?? member.value["api"]?.stringValue else { continue }
                endpoints.append(Self.endpoint(member.key, url, member.value, source: "providers", defined: defined))
            }
        }
        if case .array(let items)? = value["custom_providers"] {
            for item in items {
                guard let name = item["name"]?.stringValue, let url = item["base_url"]?.stringValue else { continue }
                endpoints.append(Self.endpoint(name, url, item, source: "custom_providers", defined: defined))
            }
        }
        return Overview(main: main, auxiliary: auxiliary, endpoints: endpoints, etag: snapshot.etag)
    }

    /// Sets the main model (`model.default`, and `model.provider` / `model.base_url` when given; an empty one is
    /// removed). A plain `model: id` becomes the mapping form.
    public func setMain(model: String, provider: String?, baseURL: String?, expecting: ExpectedRevision?, actor: AuditActor?) async throws -> Overview
    {
        try Self.check(model: model, provider: provider, baseURL: baseURL, allowEmptyModel: false)
        var edits: [ConfigEdit] = []
        if case .object = try config.snapshot().value["model"] {
            edits.append(ConfigEdit(path: ["model", "default"], operation: .set(.string(model))))
        } else {
            edits.append(ConfigEdit(path: ["model"], operation: .set(.object([.init("default", .string(model))]))))
        }
        edits += Self.optional(["model", "provider"], provider) + Self.optional(["model", "base_url"], baseURL)
        _ = try await config.patch(edits, expecting: expecting, actor: actor, source: "Models")
        return try overview()
    }

    /// Sets auxiliary slot `slot`: `provider` (`auto` by default), `model` and `base_url`.
    public func setAuxiliary(
        _ slot: String, provider: String?, model: String?, baseURL: String?, expecting: ExpectedRevision?, actor: AuditActor?
    ) async throws -> Overview {
        guard Self.slots.contains(slot) else { throw WorkspaceError.notFound(what: "Auxiliary slot \(slot.prefix(40))") }
        try Self.check(model: model ?? "", provider: provider, baseURL: baseURL, allowEmptyModel: true)
        let edits =
            [ConfigEdit(path: ["auxiliary", slot, "provider"], operation: .set(.string(provider?.isEmpty == false ? provider! : "auto")))]
            + [ConfigEdit(path: ["auxiliary", slot, "model"], operation: .set(.string(model ?? "")))]
            + Self.optional(["auxiliary", slot, "base_url"], baseURL, keepEmpty: true)
        _ = try await config.patch(edits, expecting: expecting, actor: actor, source: "Models")
        return try overview()
    }

    /// Calls `GET <url>/models` with the key that setting uses, 5 s at most — only for a base URL config.yaml
    /// already names (main, an auxiliary slot or an endpoint), so the page cannot be used to reach anything else.
    public func test(baseURL: String, actor: AuditActor?, audit: AuditLog) async throws -> TestResult {
        let result = try await call(baseURL: baseURL)
        try? await audit.record(
            AuditEvent(action: .modelsTest, target: result.url, outcome: result.ok ? .ok : .failed, summary: result.problem ?? "", actor: actor))
        return result
    }

    private func call(baseURL: String) async throws -> TestResult {
        let overview = try overview()
        let configured =
            ([overview.main] + overview.auxiliary).compactMap { slot in slot.baseURL.map { ($0, slot.key) } }
            + overview.endpoints.map { ($0.baseURL, $0.key) }
        guard let (url, key) = configured.first(where: { $0.0 == baseURL }) else {
            throw WorkspaceError.invalidInput("Only a base URL config.yaml names can be tested.")
        }
        guard let target = URL(string: url.hasSuffix("/") ? url + "models" : url + "/models"), ["http", "https"].contains(target.scheme ?? "") else {
            throw WorkspaceError.invalidInput("The base URL is not an http(s) address.")
        }
        var request = URLRequest(url: target, timeoutInterval: 5)
        if let key, let secret = keys.rawValues()[key], !secret.isEmpty {
            request.setValue("Bearer \(secret)", forHTTPHeaderField: "Authorization")
        }
        let started = Date()
        do {
            // A redirect is answered, not followed: the test reaches the configured URL and nothing else.
            let session = URLSession(configuration: .ephemeral, delegate: RefuseRedirects(), delegateQueue: nil)
            defer { session.finishTasksAndInvalidate() }
            let (data, response) = try await session.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode
            let listed = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["data"] as? [Any]
            return TestResult(
                url: target.absoluteString, ok: (200..<300).contains(status ?? 0), status: status, models: listed?.count,
                milliseconds: Int(Date().timeIntervalSince(started) * 1000), problem: (200..<300).contains(status ?? 0) ? nil : "HTTP \(status ?? 0)")
        } catch {
            return TestResult(
                url: target.absoluteString, ok: false, status: nil, models: nil, milliseconds: Int(Date().timeIntervalSince(started) * 1000),
                problem: (error as NSError).localizedDescription)
        }
    }

    /// The reading of `entry` (a model mapping or an auxiliary slot; its model under `modelKey`); `defined` holds the
    /// names `.env` sets, read once per overview.
    private static func slot(_ name: String, _ entry: OrderedJSON?, modelKey: String, defined: Set<String>) -> Slot {
        let provider = entry?["provider"]?.stringValue ?? "auto"
        let model = entry?[modelKey]?.stringValue ?? ""
        let baseURL = entry?["base_url"]?.stringValue
        let apiKey = entry?["api_key"]?.stringValue
        let usesMain = name != "main" && provider == "auto" && model.isEmpty && (baseURL ?? "").isEmpty
        let key = EnvReference.variable(in: apiKey ?? "") ?? (baseURL?.isEmpty == false ? nil : providerKeys[provider])
        let literal = apiKey.map { !$0.isEmpty && EnvReference.variable(in: $0) == nil } ?? false
        return Slot(
            slot: name, provider: provider, model: model,
            baseURL: baseURL?.isEmpty == false ? baseURL.map(SecretRedaction.maskingURLCredentials) : nil,
            usesMain: usesMain, key: key, keySet: literal || key.map(defined.contains) ?? false)
    }

    private static func endpoint(_ name: String, _ url: String, _ value: OrderedJSON, source: String, defined: Set<String>) -> Endpoint {
        let apiKey = value["api_key"]?.stringValue
        let key = EnvReference.variable(in: apiKey ?? "") ?? value["key_env"]?.stringValue
        let literal = apiKey.map { !$0.isEmpty && EnvReference.variable(in: $0) == nil } ?? false
        return Endpoint(
            name: name, baseURL: SecretRedaction.maskingURLCredentials(in: url),
            model: value["model"]?.stringValue ?? value["default_model"]?.stringValue, key: key,
            keySet: literal || key.map(defined.contains) ?? false, source: source)
    }

    private static func optional(_ path: [String], _ value: String?, keepEmpty: Bool = false) -> [ConfigEdit] {
        guard let value else { return [] }
        if value.isEmpty { return keepEmpty ? [ConfigEdit(path: path, operation: .set(.string("")))] : [ConfigEdit(path: path, operation: .delete)] }
        return [ConfigEdit(path: path, operation: .set(.string(value)))]
    }

    private static func check(model: String, provider: String?, baseURL: String?, allowEmptyModel: Bool) throws {
        guard allowEmptyModel || !model.trimmingCharacters(in: .whitespaces).isEmpty else { throw WorkspaceError.invalidInput("Name a model id.") }
        for (name, text) in [("model", model), ("provider", provider ?? ""), ("base_url", baseURL ?? "")]
        where text.count > 512 || text.contains(where: { $0.isNewline || $0 == "\0" }) {
            throw WorkspaceError.invalidInput("\(name) is one line of at most 512 characters.")
        }
        if let provider, !provider.isEmpty, provider.range(of: #"^[A-Za-z0-9_.:-]{1,64}$"#, options: .regularExpression) == nil {
            throw WorkspaceError.invalidInput("A provider name is letters, digits and _ . : - only.")
        }
        if let baseURL, !baseURL.isEmpty {
            guard let url = URL(string: baseURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil, url.user == nil else {
                throw WorkspaceError.invalidInput("base_url is an http(s) address without credentials in it.")
            }
        }
    }
}

/// Stops a test call at the first redirect, so it never reaches a URL config.yaml does not name.
final class RefuseRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
        completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
