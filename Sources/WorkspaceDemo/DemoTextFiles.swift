/// The hand-written files of the demo home: `config.yaml` with comments, `.env` with fake keys, `SOUL.md`.
enum DemoTextFiles {
    static let config = """
        # Hermes Agent configuration (demo home written by hermes-workspace)
        _config_version: 33

        # The model the agent uses unless a job or session overrides it.
        model:
          default: anthropic/claude-sonnet-4.5
          provider: openrouter

        timezone: Europe/Berlin   # IANA name; cron schedules use it

        agent:
          max_turns: 90
          reasoning_effort: medium

        # Human-in-the-loop for risky tool calls.
        approvals:
          mode: manual      # manual | smart | off
          timeout: 120
          cron_mode: deny

        command_allowlist:
          - "recursive delete"
          - "podman *"

        skills:
          disabled:
            - legacy-notes
          platform_disabled:
            telegram: [web-research]

        human_delay:
          mode: "off"       # quoted: unquoted off would be a boolean

        auxiliary:
          vision:
            api_key: ${VISION_KEY}

        logging:
          level: INFO
          max_size_mb: 5
          backup_count: 3

        display:
          compact: false
          show_cost: true

        memory:
          memory_enabled: true
          user_profile_enabled: true

        cron:
          output_retention: 50

        sessions:
          auto_prune: false
          retention_days: 90

        """

    static let environment = """
        # Provider keys — every value in this demo file is fake.
        OPENROUTER_API_KEY=sk-or-v1-demo0000000000000000000000000000000000000000000000000000000000
        ANTHROPIC_API_KEY="sk-ant-demo-not-a-real-key-0000000000"
        export GITHUB_TOKEN=ghp_demoDEMOdemoDEMOdemoDEMOdemoDEMO0000

        # Messaging
        TELEGRAM_BOT_TOKEN="123456789:AAdemo-not-a-real-bot-token"
        TELEGRAM_HOME_CHANNEL=12345
        DISCORD_BOT_TOKEN=demo.discord.token.that.was.revoked

        # Gateway API server
        API_SERVER_ENABLED=true
        API_SERVER_KEY=demo-api-server-key-0123456789abcdef
        API_SERVER_PORT=8642

        # FIRECRAWL_API_KEY=
        EMAIL_SIGNATURE="Sent by Hermes # demo"
        MY_CUSTOM_TOKEN=x

        """

    static let soul = """
        You are Hermes, a calm and precise assistant for a small engineering team. Prefer short answers, \
        show commands before running anything destructive, and say so plainly when you are unsure.

        """
}
