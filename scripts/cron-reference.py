#!/usr/bin/env python3
"""Writes the cron reference table: what the installed hermes-agent computes for a fixed set of schedules,
reference instants and time zones. Run with the reference venv's python:

    .build/hermes-venv/bin/python scripts/cron-reference.py > Tests/Fixtures/cron-reference.json

Only the agent's public functions are called (parse_schedule, compute_next_run); nothing is re-implemented."""
import json
import os
import sys
import tempfile
from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

os.environ["HERMES_HOME"] = tempfile.mkdtemp(prefix="cron-reference-")

import hermes_time  # noqa: E402
from cron import jobs  # noqa: E402

ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham", "America/Sao_Paulo"]
EXPRESSIONS = [
    "30 2 * * *", "0 * * * *", "*/15 * * * *", "0 9 * * 1-5", "0 0 29 2 *", "0 0 31 * *", "59 23 * * 0",
    "0 12 1,15 * 5", "0 1-3 * * *", "45 1 * * *", "0 0 1 */3 *", "5,35 0-6/2 * * *", "0 3 * * 7", "30 1 28-31 * *",
]
INSTANTS = [
    "2026-03-07T22:00:00Z", "2026-03-28T23:00:00Z", "2026-04-04T14:00:00Z", "2026-10-03T14:00:00Z",
    "2026-10-24T22:00:00Z", "2026-10-31T22:00:00Z", "2028-02-27T12:00:00Z", "2026-12-31T23:30:00Z",
]
INTERVAL_MINUTES = [1, 45, 90, 1440, 10080]
PARSE_INPUTS = [
    "every 30m", "every 2h", "EVERY 1 day", "every 90 minutes", "0 9 * * 1-5", "*/5 * * * *", "0 0 29 2 *",
    "2030-01-01T09:30:00", "2030-06-15T14:00:00Z", "2030-06-15T14:00:00+05:30", "2030-03-31 02:30", "2030-10-27T02:30:00",
]
REFUSED_INPUTS = ["every", "every 0m", "every 5s", "0 9 * * MON", "61 * * * *", "@daily", "yesterday", "5 w", "0 9 * *", "2030-13-01T00:00:00"]


def clocked(zone, at):
    """Runs the agent's functions as if its configured zone were `zone` and the time `at`."""
    tz = ZoneInfo(zone)
    hermes_time.reset_cache()
    return mock.patch.multiple(jobs, _hermes_now=lambda: at.astimezone(tz))


def main():
    cron_cases, interval_cases, parse_cases = [], [], []
    for zone in ZONES:
        for instant in INSTANTS:
            base = datetime.fromisoformat(instant.replace("Z", "+00:00")).astimezone(ZoneInfo(zone))
            for expression in EXPRESSIONS:
                with clocked(zone, base):
                    fires, last = [], base.isoformat()
                    for _ in range(3):
                        last = jobs.compute_next_run({"kind": "cron", "expr": expression}, last_run_at=last)
                        fires.append(last)
                cron_cases.append({"expr": expression, "zone": zone, "after": base.isoformat(), "next": fires})
        for minutes in INTERVAL_MINUTES:
            base = datetime.fromisoformat("2026-03-29T00:10:00+00:00").astimezone(ZoneInfo(zone))
            with clocked(zone, base):
                interval_cases.append({"minutes": minutes, "zone": zone, "lastRun": base.isoformat(),
                                       "next": jobs.compute_next_run({"kind": "interval", "minutes": minutes}, last_run_at=base.isoformat())})
    for zone in ["UTC", "Europe/Berlin", "Asia/Kolkata"]:
        now = datetime.fromisoformat("2026-11-25T10:00:00+00:00")
        for text in PARSE_INPUTS:
            with clocked(zone, now):
                parse_cases.append({"input": text, "zone": zone, "stored": jobs.parse_schedule(text)})
        for text in REFUSED_INPUTS:
            with clocked(zone, now):
                try:
                    jobs.parse_schedule(text)
                    result = "accepted"
                except ValueError:
                    result = "refused"
            parse_cases.append({"input": text, "zone": zone, "refused": result == "refused"})
    json.dump({"generator": "scripts/cron-reference.py", "cron": cron_cases, "interval": interval_cases, "parse": parse_cases},
              sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


main()
