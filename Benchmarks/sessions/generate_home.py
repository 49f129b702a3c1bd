#!/usr/bin/env python3
"""Generate a large Hermes home for the sessions/analytics benchmark.

Starts from `hermes-workspace demo` (the agent's v22 schema with its FTS tables and triggers, config, logs), then
bulk-inserts sessions and messages the way the agent stores them, so the triggers fill both FTS indexes:

  * N sessions over the last 365 days on six platforms and four models, with compression chains, branches,
    delegated runs and archived rows, token counters, costs and `session_model_usage` rows (main + auxiliary);
  * M messages in user/assistant/tool turns with OpenAI-shaped tool calls; the word "report" appears in 40% of
    them, "zanzibar" in about 100, and 1% are Japanese;
  * one session holding 500 messages (`bench_long_session`).

Usage: generate_home.py BINARY HOME [--sessions 100000] [--messages 1000000] [--seed 7]
"""
import argparse
import json
import random
import sqlite3
import subprocess
import time

WORDS = ("deploy server latency invoice weather build docker disk memory network backup calendar email meeting "
         "budget travel python script database index cache queue token model answer review draft summary").split()
PLATFORMS = ["cli", "telegram", "discord", "slack", "api_server", "cron"]
MODELS = [("anthropic/claude-sonnet-4.5", "openrouter"), ("openai/gpt-5.1", "openrouter"),
          ("google/gemini-2.5-pro", "openrouter"), ("nousresearch/hermes-4-405b", "nous")]
TOOLS = ["terminal", "web_search", "read_file", "write_file", "skill_view"]
NOW = 1795600000.0


def sentence(rng, common):
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 18))]
    if common:
        words.insert(rng.randrange(len(words)), "report")
    return " ".join(words).capitalize() + "."


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("home")
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.time()
    subprocess.run([args.binary, "demo", args.home, "--sessions", "10", "--now", str(int(NOW))], check=True, stdout=subprocess.DEVNULL)
    db = sqlite3.connect(f"{args.home}/state.db", isolation_level=None)
    db.execute("PRAGMA synchronous=OFF")
    db.execute("DELETE FROM messages")
    db.execute("DELETE FROM session_model_usage")
    db.execute("DELETE FROM sessions")

    long_session = 500
    per_session = (args.messages - long_session) / (args.sessions - 1)
    rare_left = 100
    message_budget = args.messages
    previous_root = None
    db.execute("BEGIN")
    for index in range(args.sessions):
        sid = "bench_long_session" if index == 0 else f"bench_{index:07d}_{rng.getrandbits(24):06x}"
        platform = rng.choice(PLATFORMS)
        model, provider = rng.choice(MODELS)
        start = NOW - 365 * 86400 * (1 - index / args.sessions) + rng.uniform(0, 600)
        parent, config = None, {"max_iterations": 90, "reasoning_config": None, "max_tokens": None}
        roll = rng.random()
        if previous_root and roll < 0.03:
            parent = previous_root
            db.execute("UPDATE sessions SET end_reason = 'compression' WHERE id = ?", (parent,))
        elif previous_root and roll < 0.05:
            parent, config["_branched_from"] = previous_root, previous_root
        elif previous_root and roll < 0.07:
            parent, config["_delegate_from"] = previous_root, previous_root
        count = long_session if index == 0 else max(2, round(rng.gauss(per_session, 2)))
        count = min(count, message_budget - (args.sessions - index - 1) * 2)
        message_budget -= count
        if index == args.sessions - 1:
            count += message_budget
        is_open = index >= args.sessions - 3
        db.execute(
            "INSERT INTO sessions (id, source, model, model_config, parent_session_id, started_at, billing_provider, title, archived) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (sid, platform, model, json.dumps(config), parent, start, provider, f"{sentence(rng, False)[:60]} {index}",
             1 if rng.random() < 0.02 else 0))
        clock, rows, tools, calls = start, [], 0, 0
        while len(rows) < count:
            clock += rng.uniform(2, 60)
            kind = len(rows) % 4
            common = rng.random() < 0.4
            text = sentence(rng, common)
            if rare_left and rng.random() < 100 / args.messages * 1.2:
                text += " Zanzibar"
                rare_left -= 1
            if rng.random() < 0.01:
                text = "来週の会議は火曜日に変更になりました。" + ("report" if common else "")
            if kind == 0:
                rows.append((sid, "user", text, None, None, None, clock, None))
            elif kind == 1:
                call_id = f"call_{rng.getrandbits(48):012x}"
                tool = rng.choice(TOOLS)
                call = [{"id": call_id, "call_id": call_id, "type": "function",
                         "function": {"name": tool, "arguments": json.dumps({"query": text[:40]})}}]
                rows.append((sid, "assistant", "Let me check.", json.dumps(call), None, None, clock, "tool_calls"))
                tools += 1
                calls += 1
                pending = (call_id, tool)
            elif kind == 2:
                rows.append((sid, "tool", text, None, pending[0], pending[1], clock, None))
            else:
                rows.append((sid, "assistant", text, None, None, None, clock, "stop"))
                calls += 1
        rows = rows[:count]
        db.executemany("INSERT INTO messages (session_id, role, content, tool_calls, tool_call_id, tool_name, timestamp, finish_reason) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        tokens = [rng.randint(800, 6000) * calls, rng.randint(80, 900) * calls, rng.randint(0, 20000) * calls,
                  rng.randint(0, 3000) * calls]
        estimated = round((tokens[0] * 3 + tokens[1] * 15 + tokens[2] * 0.3) / 1e6, 6)
        actual = round(estimated * rng.uniform(0.95, 1.05), 6) if provider == "openrouter" and rng.random() < 0.3 else None
        db.execute(
            "UPDATE sessions SET ended_at = ?, end_reason = COALESCE(end_reason, ?), message_count = ?, tool_call_count = ?, "
            "api_call_count = ?, input_tokens = ?, output_tokens = ?, cache_read_tokens = ?, cache_write_tokens = ?, "
            "reasoning_tokens = ?, estimated_cost_usd = ?, actual_cost_usd = ?, cost_status = ? WHERE id = ?",
            (None if is_open else clock + 5, None if is_open else "cli_close", len(rows), tools, calls, *tokens,
             tokens[1] // 5, estimated, actual, "actual" if actual else "estimated", sid))
        db.execute(
            "INSERT INTO session_model_usage (session_id, model, billing_provider, task, api_call_count, input_tokens, output_tokens, "
            "cache_read_tokens, cache_write_tokens, reasoning_tokens, estimated_cost_usd, actual_cost_usd, cost_status, first_seen, last_seen) "
            "VALUES (?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (sid, model, provider, calls, *tokens, tokens[1] // 5, estimated, actual or 0, "actual" if actual else "estimated", start, clock))
        if rng.random() < 0.2:
            db.execute(
                "INSERT INTO session_model_usage (session_id, model, billing_provider, task, api_call_count, input_tokens, output_tokens, "
                "estimated_cost_usd, cost_status, first_seen, last_seen) VALUES (?, 'google/gemini-2.5-flash', 'openrouter', ?, 1, ?, ?, ?, "
                "'estimated', ?, ?)",
                (sid, rng.choice(["title_generation", "compression", "vision"]), rng.randint(200, 3000), rng.randint(10, 300), 0.0004, start, start))
        if parent is None:
            previous_root = sid
        if index % 10_000 == 9_999:
            db.execute("COMMIT")
            db.execute("BEGIN")
            print(f"  {index + 1} sessions, {time.time() - started:.0f} s", flush=True)
    db.execute("COMMIT")
    db.execute("INSERT INTO messages_fts(messages_fts) VALUES ('optimize')")
    db.execute("INSERT INTO messages_fts_trigram(messages_fts_trigram) VALUES ('optimize')")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    sessions, messages = db.execute("SELECT (SELECT COUNT(*) FROM sessions), (SELECT COUNT(*) FROM messages)").fetchone()
    print(f"{sessions} sessions, {messages} messages in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
