#!/usr/bin/env python3
"""Append messages to a Hermes state.db the way the agent does, at a steady rate, until stopped.

Each message is its own `BEGIN IMMEDIATE … COMMIT` (insert the row, bump the session's counter), retried up to
15 times with 20–150 ms sleeps on "locked/busy", with the agent's 1 s busy timeout. On SIGTERM or SIGINT it
prints `appended=N retries=N errors=N`.

Usage: append_messages.py STATE_DB [--rate 100] [--session bench_open_session]
"""
import argparse
import random
import signal
import sqlite3
import sys
import time

stop = False


def handle(_signal, _frame):
    global stop
    stop = True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("database")
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--session", default="bench_open_session")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, handle)
    signal.signal(signal.SIGINT, handle)
    db = sqlite3.connect(args.database, timeout=1.0, isolation_level=None)
    db.execute("INSERT OR IGNORE INTO sessions (id, source, model, started_at) VALUES (?, 'cli', 'openai/gpt-5.1', ?)",
               (args.session, time.time()))
    appended = retries = errors = 0
    interval = 1.0 / args.rate
    next_at = time.monotonic()
    while not stop:
        for attempt in range(15):
            try:
                db.execute("BEGIN IMMEDIATE")
                db.execute("INSERT INTO messages (session_id, role, content, timestamp) VALUES (?, ?, ?, ?)",
                           (args.session, random.choice(["user", "assistant"]), f"live report message {appended}", time.time()))
                db.execute("UPDATE sessions SET message_count = message_count + 1 WHERE id = ?", (args.session,))
                db.execute("COMMIT")
                appended += 1
                break
            except sqlite3.OperationalError as error:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                if "locked" not in str(error) and "busy" not in str(error):
                    errors += 1
                    break
                retries += 1
                time.sleep(random.uniform(0.02, 0.15))
        else:
            errors += 1
        next_at += interval
        time.sleep(max(0.0, next_at - time.monotonic()))
    print(f"appended={appended} retries={retries} errors={errors}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
