/// Topics, prompts and tool calls the demo conversations are made of.
enum DemoConversationCatalog {
    struct Topic {
        let title: String
        let prompts: [String]
        let tools: [ToolUse]
        let answer: String
    }

    struct ToolUse {
        let name: String
        let arguments: String
        let result: String
    }

    struct ModelPrice {
        let model: String
        let provider: String
        let baseURL: String
        let inputPerMillion: Double
        let outputPerMillion: Double
        let cacheReadPerMillion: Double
    }

    static let models: [ModelPrice] = [
        ModelPrice(
            model: "anthropic/claude-sonnet-4.5", provider: "openrouter", baseURL: "https://openrouter.ai/api/v1", inputPerMillion: 3,
            outputPerMillion: 15, cacheReadPerMillion: 0.3),
        ModelPrice(
            model: "openai/gpt-5.1", provider: "openrouter", baseURL: "https://openrouter.ai/api/v1", inputPerMillion: 1.25, outputPerMillion: 10,
            cacheReadPerMillion: 0.125),
        ModelPrice(
            model: "google/gemini-2.5-pro", provider: "openrouter", baseURL: "https://openrouter.ai/api/v1", inputPerMillion: 1.25,
            outputPerMillion: 10, cacheReadPerMillion: 0.31),
        ModelPrice(
            model: "nousresearch/hermes-4-405b", provider: "nous", baseURL: "https://inference-api.nousresearch.com/v1", inputPerMillion: 1,
            outputPerMillion: 3, cacheReadPerMillion: 0),
    ]

    static let auxiliaryModel = ModelPrice(
        model: "google/gemini-2.5-flash", provider: "openrouter", baseURL: "https://openrouter.ai/api/v1", inputPerMillion: 0.3,
        outputPerMillion: 2.5, cacheReadPerMillion: 0.03)

    static let topics: [Topic] = [
        Topic(
            title: "Disk usage on the build server",
            prompts: ["The build server is almost out of disk. What is using the space?", "Can you clean the old docker images too?"],
            tools: [
                ToolUse(
                    name: "terminal", arguments: #"{"command": "du -sh /var/lib/* | sort -h | tail -5"}"#,
                    result: "2.1G\t/var/lib/apt\n18G\t/var/lib/docker\n41G\t/var/lib/builds"),
                ToolUse(
                    name: "terminal", arguments: #"{"command": "docker image prune -a --filter until=720h -f"}"#,
                    result: "Total reclaimed space: 12.4GB"),
            ],
            answer:
                "Most of the space is in `/var/lib/builds` (41 GB) and Docker images (18 GB). I pruned images older than 30 days and reclaimed **12.4 GB**."
        ),
        Topic(
            title: "Weekly report draft",
            prompts: ["Draft my weekly report from the notes in ~/notes/week.md", "Make the tone a bit less formal."],
            tools: [
                ToolUse(
                    name: "read_file", arguments: #"{"path": "~/notes/week.md"}"#,
                    result: "- shipped login page\n- fixed flaky CI job\n- planning: migrate cron to new host"),
                ToolUse(name: "skill_view", arguments: #"{"name": "weekly-report"}"#, result: "Loaded skill weekly-report (3 sections)."),
            ],
            answer: "## This week\n- Shipped the new login page\n- Fixed the flaky CI job\n\n## Next\n- Move cron to the new host"),
        Topic(
            title: "Research vector databases",
            prompts: ["Compare pgvector and Qdrant for 10M embeddings.", "Which one is cheaper to run on one box?"],
            tools: [
                ToolUse(
                    name: "web_search", arguments: #"{"query": "pgvector vs qdrant benchmark 10 million vectors"}"#,
                    result: "1. Qdrant benchmarks 2026 …\n2. pgvector HNSW performance notes …"),
                ToolUse(
                    name: "web_extract", arguments: #"{"url": "https://example.org/vector-benchmarks"}"#,
                    result: "Qdrant: 1.2k QPS at recall 0.95; pgvector (HNSW): 800 QPS at recall 0.95."),
            ],
            answer:
                "For 10M embeddings on one machine, **pgvector** is simpler if you already run PostgreSQL; **Qdrant** is faster (about 1.5×) and uses less memory with quantization."
        ),
        Topic(
            title: "Fix failing unit test",
            prompts: ["`test_parse_dates` fails on CI but not locally. Can you look?", "Run the tests again please."],
            tools: [
                ToolUse(
                    name: "terminal", arguments: #"{"command": "pytest tests/test_dates.py -x -q"}"#,
                    result: "F\nFAILED tests/test_dates.py::test_parse_dates - AssertionError: 2026-03-29 02:30 != 2026-03-29 03:30"),
                ToolUse(
                    name: "patch", arguments: #"{"path": "src/dates.py", "old": "tz.localize(naive)", "new": "naive.replace(tzinfo=tz)"}"#,
                    result: "Patched src/dates.py (1 hunk)."),
                ToolUse(name: "terminal", arguments: #"{"command": "pytest tests/test_dates.py -q"}"#, result: "12 passed in 0.41s"),
            ],
            answer: "The test failed because CI runs in `Europe/Berlin` and the date falls in the DST gap. I fixed the conversion; all 12 tests pass."
        ),
        Topic(
            title: "Summarise inbox",
            prompts: ["Summarise my unread email and flag anything urgent."],
            tools: [
                ToolUse(
                    name: "email_list", arguments: #"{"unread": true, "limit": 20}"#,
                    result: "7 unread: invoice #4411 overdue, team offsite poll, 5 newsletters")
            ],
            answer: "7 unread. **Urgent:** invoice #4411 is overdue (due Friday). Also: an offsite date poll. The rest are newsletters."),
        Topic(
            title: "Nginx TLS renewal",
            prompts: ["Check when the TLS certificate on the proxy expires.", "Renew it if it is under 14 days."],
            tools: [
                ToolUse(
                    name: "terminal", arguments: #"{"command": "openssl x509 -enddate -noout -in /etc/ssl/proxy.pem"}"#,
                    result: "notAfter=Dec  2 10:00:00 2026 GMT"),
                ToolUse(
                    name: "terminal", arguments: #"{"command": "certbot renew --cert-name proxy"}"#,
                    result: "Congratulations, all renewals succeeded."),
            ],
            answer: "The certificate expired in 8 days, so I renewed it; the new one is valid until March."),
        Topic(
            title: "Plan a trip to Lisbon",
            prompts: ["Plan three days in Lisbon in March, not too touristy.", "Add a good vegetarian dinner each day."],
            tools: [
                ToolUse(
                    name: "web_search", arguments: #"{"query": "Lisbon hidden gems March"}"#,
                    result: "Alfama early morning, LX Factory, Cacilhas ferry …")
            ],
            answer:
                "**Day 1:** Alfama at 8 am, then Graça viewpoint. **Day 2:** ferry to Cacilhas. **Day 3:** LX Factory and Belém. Vegetarian dinners: Ao 26, Jardim das Cerejas, Arkhe."
        ),
        Topic(
            title: "日本語のメール翻訳",
            prompts: ["この日本語のメールを英語に翻訳してください：来週の会議は火曜日に変更になりました。"],
            tools: [],
            answer: "\"Next week's meeting has been moved to Tuesday.\""),
        Topic(
            title: "Database migration review",
            prompts: ["Review the migration in db/migrate/0042_add_index.sql before I run it on prod."],
            tools: [
                ToolUse(
                    name: "read_file", arguments: #"{"path": "db/migrate/0042_add_index.sql"}"#,
                    result: "CREATE INDEX idx_orders_customer ON orders(customer_id);")
            ],
            answer:
                "Use `CREATE INDEX CONCURRENTLY` — a plain `CREATE INDEX` locks `orders` for writes for the whole build (about 4 minutes at its size)."
        ),
        Topic(
            title: "Kubernetes pod crash loop",
            prompts: ["The api pod keeps restarting. Find out why."],
            tools: [
                ToolUse(
                    name: "terminal", arguments: #"{"command": "kubectl logs deploy/api --previous | tail -20"}"#,
                    result: "Error: connect ECONNREFUSED 10.0.3.7:5432\n    at TCPConnectWrap.afterConnect"),
                ToolUse(
                    name: "terminal", arguments: #"{"command": "kubectl get pods -l app=postgres"}"#, result: "postgres-0   0/1   Pending   0   14m"),
            ],
            answer: "The api crashes because PostgreSQL is down: `postgres-0` is **Pending** (no node has the 8 Gi it requests)."),
        Topic(
            title: "Budget spreadsheet formulas",
            prompts: ["Write a formula that sums column C only where column A is this month."],
            tools: [],
            answer: "`=SUMIFS(C:C, A:A, \">=\"&EOMONTH(TODAY(),-1)+1, A:A, \"<=\"&EOMONTH(TODAY(),0))`"),
        Topic(
            title: "Morning briefing",
            prompts: ["Give me my morning briefing: calendar, weather, top news."],
            tools: [
                ToolUse(name: "calendar_list", arguments: #"{"day": "today"}"#, result: "09:30 standup, 13:00 design review, 16:00 1:1"),
                ToolUse(name: "weather", arguments: #"{"city": "Berlin"}"#, result: "4°C, light rain, clearing at noon"),
            ],
            answer: "Three meetings today (standup 09:30, design review 13:00, 1:1 16:00). 4 °C and rain until noon — take an umbrella."),
    ]
}
