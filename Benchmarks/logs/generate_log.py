#!/usr/bin/env python3
"""Writes an agent.log of a given size in the agent's format (about 1 in 40 records carries a traceback)."""
import random
import sys

path, size = sys.argv[1], int(sys.argv[2])
random.seed(7)
loggers = ["run_agent", "tools.terminal_tool", "tools.web_tools", "gateway.platforms.telegram", "agent.model_client", "cron.scheduler"]
levels = ["INFO"] * 12 + ["DEBUG"] * 4 + ["WARNING"] * 3 + ["ERROR"]
words = "docker kubernetes nginx telegram search latency regression backup parser report invoice deploy cluster".split()
lines = []
for index in range(8000):
    stamp = f"2026-11-{17 + index // 4000:02d} {index // 3600 % 24:02d}:{index // 60 % 60:02d}:{index % 60:02d},{index % 1000:03d}"
    session = f" [s{random.randint(0, 99):02d}]" if random.random() < 0.7 else ""
    message = " ".join(random.choice(words) for _ in range(random.randint(4, 14)))
    lines.append(f"{stamp} {random.choice(levels)}{session} {random.choice(loggers)}: {message}\n")
    if index % 40 == 0:
        lines.append('Traceback (most recent call last):\n  File "run_agent.py", line 42, in run\nRuntimeError: upstream timeout\n')
chunk = "".join(lines).encode()
with open(path, "wb") as out:
    written = 0
    while written < size:
        piece = chunk[: size - written]
        out.write(piece)
        written += len(piece)
