import Foundation

/// One installed skill as the Skills tab and the cron editor list it.
public struct Skill: Sendable, Encodable, Equatable {
    /// The front matter `name` (the folder name when missing).
    public var name: String
    /// The first folder under the skills root when the skill is nested (`devops/docker-cleanup` → `devops`).
    public var category: String?
    /// `description`, or the first body line.
    public var description: String
    /// `version`.
    public var version: String?
    /// `license`.
    public var license: String?
    /// `platforms` (empty = all).
    public var platforms: [String]
    /// `tags` and `metadata.hermes.tags`.
    public var tags: [String]
    /// `related_skills` and `metadata.hermes.related_skills`.
    public var relatedSkills: [String]
    /// `.env` variables it needs.
    public var requiredVariables: [String]
    /// `hub` (in `.hub/lock.json`), `bundled` (in `.bundled_manifest`) or `local` (made by the agent or by hand).
    public var provenance: String
    /// The folder, relative to its skills root (`devops/docker-cleanup`).
    public var path: String
    /// `local` for `HERMES_HOME/skills`, else the external directory it came from (read-only here).
    public var root: String
    /// Not in `skills.disabled`.
    public var enabled: Bool
    /// Platforms it is disabled on through `skills.platform_disabled`.
    public var disabledOn: [String]
    /// What is wrong with it, in words (the list never fails because of one bad skill).
    public var warnings: [String]
}
