extension ConfigSchema {
    /// The sections of hermes-agent 0.19's `config.yaml` that operators touch most, with the agent's defaults.
    public static let hermes: ConfigSchema = .object(
        "Hermes Agent configuration (config.yaml).",
        [
            "model": .anyOf(
                "The main model: an id such as anthropic/claude-sonnet-4.5, or a mapping with provider settings.", default: .string(""),
                [
                    .string("Model id.", default: nil),
                    .object(
                        "Model settings.",
                        [
                            "default": .string("Model id used for new sessions."),
                            "provider": .string("Provider name (openrouter, anthropic, nous, custom…)."),
                            "base_url": .string("OpenAI-compatible endpoint for a custom provider."),
                            "api_key": .string("API key for this endpoint (prefer .env).", default: nil, secret: true),
                            "api_mode": .string("Wire protocol.", default: nil),
                            "context_length": .integer("Context window override in tokens.", default: nil, minimum: 1),
                            "max_tokens": .integer("Output token limit.", default: nil, minimum: 1),
                        ]),
                ]),
            "timezone": .string("IANA time zone for schedules and timestamps (empty = the server's local zone)."),
            "approvals": .object(
                "When dangerous commands need a human yes/no.",
                [
                    "mode": .anyOf(
                        "manual asks every time, smart asks only for risky commands, off never asks.", default: .string("smart"),
                        [
                            .string("Approval mode.", default: nil, choices: ["manual", "smart", "off"]),
                            .boolean("false means off (YAML reads a bare off as false).", default: false),
                        ]),
                    "timeout": .integer("Seconds to wait for an answer before denying.", default: 60, minimum: 1, maximum: 86_400),
                    "cron_mode": .string("What cron jobs do when a command needs approval.", default: "deny", choices: ["deny", "approve"]),
                    "deny": .strings("Glob patterns of commands that are always refused, even when approvals are off."),
                    "single_query_mode": .string(
                        "What a one-shot run (hermes -q) does when a command needs approval (newer agents).", default: "deny",
                        choices: ["deny", "approve"]),
                    "unattended_mode": .string(
                        "What runs nobody watches (API server, webhooks) do when a command needs approval (newer agents).", default: "deny",
                        choices: ["deny", "approve"]),
                    "smart_policy": .string("Extra rules for the smart-approval guardian (newer agents)."),
                    "denial_breaker_threshold": .integer(
                        "Consecutive guardian denials before the agent stops and asks (0 = off; newer agents).", default: 3, minimum: 0,
                        maximum: 1_000),
                    "mcp_reload_confirm": .boolean("Ask before reloading MCP servers.", default: true),
                    "destructive_slash_confirm": .boolean("Ask before destructive slash commands.", default: true),
                ]),
            "command_allowlist": .strings("Command patterns that never need approval."),
            "skills": .object(
                "Skills: where they come from and which are switched off.",
                [
                    "external_dirs": .strings("Extra folders scanned for skills."),
                    "template_vars": .boolean("Expand template variables in skills.", default: true),
                    "inline_shell": .boolean("Allow inline shell snippets in skills.", default: false),
                    "inline_shell_timeout": .integer("Seconds an inline shell snippet may run.", default: 10, minimum: 1, maximum: 3_600),
                    "guard_agent_created": .boolean("Scan skills the agent writes itself.", default: false),
                    "write_approval": .boolean("Stage skill writes for approval.", default: false),
                    "disabled": .strings("Skills switched off everywhere (by name)."),
                    "platform_disabled": .dictionary("Skills switched off per platform.", of: .strings("Skill names.")),
                ]),
            "logging": .object(
                "The agent's log files.",
                [
                    "level": .string(
                        "Lowest level written to agent.log.", default: "INFO", choices: ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]),
                    "max_size_mb": .integer("Size at which a log file rotates, in MB.", default: 5, minimum: 1, maximum: 10_240),
                    "backup_count": .integer("Rotated files kept per log.", default: 3, minimum: 0, maximum: 1_000),
                ]),
            "display": .object(
                "How the CLI and messaging replies look.",
                [
                    "compact": .boolean("Compact output.", default: false),
                    "personality": .string("Named personality to apply."),
                    "resume_display": .string("What a resumed session shows.", default: "full", choices: ["full", "minimal"]),
                    "busy_input_mode": .string(
                        "What input does while the agent works.", default: "interrupt", choices: ["interrupt", "queue", "steer"]),
                    "show_reasoning": .boolean("Show model reasoning.", default: true),
                    "streaming": .boolean("Stream replies token by token.", default: false),
                    "show_cost": .boolean("Show the cost of each turn.", default: false),
                    "skin": .string("CLI colour theme.", default: "default"),
                    "language": .string("Interface language code.", default: "en"),
                    "timestamps": .boolean("Show timestamps.", default: false),
                ]),
            "agent": .object(
                "The agent loop.",
                [
                    "max_turns": .integer("Tool-calling turns per request before the agent stops.", default: 90, minimum: 1, maximum: 10_000),
                    "gateway_timeout": .integer("Seconds a gateway request may run.", default: 1_800, minimum: 0),
                    "restart_drain_timeout": .integer("Seconds to let running work finish before a restart.", default: 0, minimum: 0),
                    "api_max_retries": .integer("Retries for a failed model call.", default: 3, minimum: 0, maximum: 100),
                    "clarify_timeout": .integer("Seconds to wait for an answer to a clarifying question.", default: 3_600, minimum: 0),
                    "reasoning_effort": .string(
                        "Thinking effort for models that support it.", default: nil,
                        choices: ["minimal", "low", "medium", "high", "xhigh", "max", "ultra", "none", "disabled"]),
                    "disabled_toolsets": .strings("Toolsets removed from every platform."),
                    "reasoning_overrides": .dictionary("Reasoning effort per model id.", of: .string("Effort.", default: nil)),
                ]),
            "terminal": .object(
                "Where shell commands run.",
                [
                    "backend": .string(
                        "Execution backend.", default: "local", choices: ["local", "docker", "singularity", "modal", "daytona", "ssh"]),
                    "cwd": .string("Working directory for commands.", default: "."),
                    "timeout": .integer("Seconds a command may run.", default: 180, minimum: 1, maximum: 86_400),
                    "persistent_shell": .boolean("Keep one shell between commands.", default: true),
                    "docker_image": .string("Image for the docker backend.", default: "nikolaik/python-nodejs:python3.11-nodejs20"),
                    "container_cpu": .number("CPUs for container backends.", default: 1),
                    "container_memory": .integer("Memory for container backends, in MB.", default: 5_120, minimum: 128),
                    "env_passthrough": .strings("Environment variables passed to commands."),
                ]),
            "memory": .object(
                "Long-term memory.",
                [
                    "memory_enabled": .boolean("Keep MEMORY.md notes.", default: true),
                    "user_profile_enabled": .boolean("Keep the USER.md profile.", default: true),
                    "write_approval": .boolean("Stage memory writes for approval.", default: false),
                    "memory_char_limit": .integer("Characters MEMORY.md may hold.", default: 2_200, minimum: 100, maximum: 1_000_000),
                    "user_char_limit": .integer("Characters USER.md may hold.", default: 1_375, minimum: 100, maximum: 1_000_000),
                    "provider": .string("External memory provider (empty = built in)."),
                ]),
            "cron": .object(
                "Scheduled jobs.",
                [
                    "provider": .string("Scheduler (empty = built in)."),
                    "wrap_response": .boolean("Wrap job output with a header.", default: true),
                    "mirror_delivery": .boolean("Also deliver job output to the origin chat.", default: false),
                    "max_parallel_jobs": .integer("Jobs run at once (null = no limit).", default: nil, minimum: 1, maximum: 1_000, nullable: true),
                    "output_retention": .integer("Output files kept per job.", default: 50, minimum: 0, maximum: 100_000),
                    "session_db_timeout_seconds": .integer("Seconds to wait for state.db.", default: 10, minimum: 1, maximum: 3_600),
                ]),
            "gateway": .object(
                "The messaging gateway.",
                [
                    "delivery_ledger": .boolean("Record deliveries to avoid duplicates.", default: true),
                    "platform_connect_timeout": .integer("Seconds to wait for a platform to connect.", default: 30, minimum: 1, maximum: 3_600),
                    "write_sessions_json": .boolean("Keep sessions.json up to date.", default: true),
                    "strict": .boolean("Refuse to start when a platform fails.", default: false),
                    "max_inbound_media_bytes": .integer("Largest media file accepted, in bytes.", default: 134_217_728, minimum: 0),
                ]),
            "dashboard": .object(
                "The agent's own web dashboard.",
                [
                    "theme": .string("Theme name.", default: "default"),
                    "show_token_analytics": .boolean("Show token analytics.", default: false),
                    "public_url": .string("URL the dashboard is reached at."),
                    "basic_auth": .object(
                        "Password login.",
                        [
                            "username": .string("User name."),
                            "password_hash": .string("Password hash.", secret: true),
                            "password": .string("Plain password (prefer password_hash).", secret: true),
                            "secret": .string("Session signing secret.", secret: true),
                            "session_ttl_seconds": .integer("Session lifetime (0 = default).", default: 0, minimum: 0),
                        ]),
                ]),
            "sessions": .object(
                "Session retention.",
                [
                    "auto_prune": .boolean("Delete old sessions automatically.", default: false),
                    "retention_days": .integer("Days sessions are kept when pruning.", default: 90, minimum: 1, maximum: 36_500),
                    "vacuum_after_prune": .boolean("Compact state.db after pruning.", default: true),
                    "min_interval_hours": .integer("Hours between prune runs.", default: 24, minimum: 1, maximum: 8_760),
                    "write_json_snapshots": .boolean("Also write JSON copies of sessions.", default: false),
                ]),
            "security": .object(
                "Safety nets.",
                [
                    "redact_secrets": .boolean("Redact secrets from output and logs.", default: true),
                    "allow_private_urls": .boolean("Let web tools reach private addresses.", default: false),
                    "tirith_enabled": .boolean("Scan commands with tirith.", default: true),
                    "tirith_timeout": .integer("Seconds a tirith scan may take.", default: 5, minimum: 1, maximum: 600),
                    "tirith_fail_open": .boolean("Allow the command when tirith fails.", default: true),
                    "website_blocklist": .object(
                        "Blocked websites.",
                        [
                            "enabled": .boolean("Block the listed domains.", default: false),
                            "domains": .strings("Blocked domains."),
                        ]),
                ]),
            "platforms": .dictionary(
                "Messaging platforms (telegram, discord, slack, webhook…); their tokens live in .env.",
                of: .object(
                    "One platform.",
                    [
                        "enabled": .boolean("Connect this platform when the gateway starts.", default: false),
                        "token": .string("Bot token (prefer .env).", default: nil, secret: true),
                        "api_key": .string("API key (prefer .env).", default: nil, secret: true),
                    ])),
            "providers": .dictionary(
                "Custom OpenAI-compatible endpoints by name (newer agents; custom_providers is the older list).",
                of: .object(
                    "One endpoint.",
                    [
                        "base_url": .string("Endpoint URL."),
                        "api_key": .string("API key (prefer a ${VAR} reference into .env).", default: nil, secret: true),
                        "key_env": .string("The .env variable the key is read from.", default: nil),
                        "model": .string("Default model id.", default: nil),
                        "api_mode": .string("Wire protocol.", default: nil),
                    ])),
            "moa": .object(
                "Mixture of agents: reference models answer, an aggregator combines (newer agents; model.provider: moa).",
                [
                    "default_preset": .string("Preset used by /moa and provider moa.", default: "default"),
                    "presets": .dictionary(
                        "Named presets.",
                        of: .object(
                            "One preset.",
                            [
                                "enabled": .boolean("Offer this preset.", default: true),
                                "reference_models": .list(
                                    "Models asked first.",
                                    of: .object("A model.", ["provider": .string("Provider."), "model": .string("Model id.")])),
                                "aggregator": .object(
                                    "The model that combines the answers.", ["provider": .string("Provider."), "model": .string("Model id.")]),
                            ])),
                ]),
            "_config_version": .integer("Config format version (written by hermes update).", default: 33, minimum: 0),
        ])
}
