import Foundation

/// The fields an operator sends to create or edit a job (camelCase JSON). On edit, only the keys present change;
/// `null` clears an optional field. Unknown keys and wrong types are refused, so a typo never silently does nothing.
public struct CronJobDraft: Sendable, Equatable {
    /// Job name.
    public var name: String??
    /// The prompt the agent runs.
    public var prompt: String?
    /// The schedule in the agent's grammar (`every 30m`, `0 9 * * 1-5`, an ISO time, `2h`).
    public var schedule: String?
    /// Skills to load, in order.
    public var skills: [String]?
    /// Per-job model override.
    public var model: String??
    /// Per-job provider override.
    public var provider: String??
    /// Per-job endpoint override.
    public var baseURL: String??
    /// Script under `HERMES_HOME/scripts` whose output feeds the prompt.
    public var script: String??
    /// Run the script only, without the agent.
    public var noAgent: Bool?
    /// Delivery target(s), comma-separated.
    public var deliver: String??
    /// How many times to run; `nil` (or ≤ 0) = forever.
    public var repeatTimes: Int??
    /// Jobs whose latest output is injected as context.
    public var contextFrom: [String]??
    /// Toolsets the agent may use.
    public var enabledToolsets: [String]??
    /// Absolute working directory.
    public var workdir: String??

    private static let textLimit = 100_000

    /// An empty draft (changes nothing).
    public init() {}

    /// Reads a request body; throws ``WorkspaceError/invalidInput(_:)`` naming the bad field.
    public init(json: OrderedJSON) throws {
        guard case .object(let members) = json else { throw WorkspaceError.invalidInput("The body must be a JSON object.") }
        for member in members {
            let value = member.value
            switch member.key {
            case "name": name = try Self.optionalText(value, "name", limit: 200)
            case "prompt": prompt = try Self.optionalText(value, "prompt", limit: Self.textLimit) ?? ""
            case "schedule":
                guard let text = try Self.optionalText(value, "schedule", limit: 200) else {
                    throw WorkspaceError.invalidInput("`schedule` cannot be null.")
                }
                schedule = text
            case "skills": skills = try Self.list(value, "skills") ?? []
            case "model": model = try Self.optionalText(value, "model", limit: 200)
            case "provider": provider = try Self.optionalText(value, "provider", limit: 200)
            case "baseUrl": baseURL = try Self.optionalText(value, "baseUrl", limit: 2_000)
            case "script": script = try Self.optionalText(value, "script", limit: 1_000)
            case "noAgent":
                guard case .bool(let flag) = value else { throw WorkspaceError.invalidInput("`noAgent` must be true or false.") }
                noAgent = flag
            case "deliver": deliver = try Self.optionalText(value, "deliver", limit: 1_000)
            case "repeat":
                switch value {
                case .null: repeatTimes = .some(nil)
                case .int(let times) where times <= 1_000_000_000: repeatTimes = .some(times > 0 ? times : nil)
                default: throw WorkspaceError.invalidInput("`repeat` must be a whole number of runs or null (forever).")
                }
            case "contextFrom": contextFrom = .some(try Self.list(value, "contextFrom"))
            case "enabledToolsets": enabledToolsets = .some(try Self.list(value, "enabledToolsets"))
            case "workdir": workdir = try Self.optionalText(value, "workdir", limit: 4_096)
            default:
                throw WorkspaceError.invalidInput(
                    "Unknown field `\(member.key)`. Fields: name, prompt, schedule, skills, model, provider, baseUrl, script, noAgent, deliver, repeat, contextFrom, enabledToolsets, workdir."
                )
            }
        }
    }

    /// Text with surrounding spaces removed; `nil` for `null` or an empty string.
    private static func optionalText(_ value: OrderedJSON, _ field: String, limit: Int) throws -> String? {
        switch value {
        case .null: return nil
        case .string(let text):
            guard text.count <= limit else { throw WorkspaceError.invalidInput("`\(field)` is longer than \(limit) characters.") }
            guard !text.contains("\0") else { throw WorkspaceError.invalidInput("`\(field)` contains a NUL character.") }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        default: throw WorkspaceError.invalidInput("`\(field)` must be a string or null.")
        }
    }

    /// A list of non-empty, de-duplicated names in order; `nil` for `null` or an empty list.
    private static func list(_ value: OrderedJSON, _ field: String) throws -> [String]? {
        switch value {
        case .null: return nil
        case .array(let items):
            guard items.count <= 100 else { throw WorkspaceError.invalidInput("`\(field)` has more than 100 entries.") }
            var names: [String] = []
            for item in items {
                guard let text = try optionalText(item, field, limit: 200) else { continue }
                if !names.contains(text) { names.append(text) }
            }
            return names.isEmpty ? nil : names
        default: throw WorkspaceError.invalidInput("`\(field)` must be a list of strings.")
        }
    }
}
