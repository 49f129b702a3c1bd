#!/usr/bin/env python3
"""Fails when docs/architecture.md names a path that does not exist.

Every `backticked` token that looks like a path (has a slash or a file extension we use) must exist relative to
the repository, to Sources/WorkspaceServer/ or to Sources/WorkspaceCore/ (the map names those folders' contents
without their prefix), so the map cannot drift from the tree.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
BASES = [ROOT, ROOT / "Sources/WorkspaceServer", ROOT / "Sources/WorkspaceCore"]
SKIP_PREFIXES = ("HERMES_HOME/", "/", "@", "profiles/", "cron/", "~/", "POST ", "GET ")
EXTENSIONS = (".swift", ".ts", ".tsx", ".md", ".yaml", ".py", ".sh", ".json", ".css")


def is_path(token):
    if " " in token or token.startswith(SKIP_PREFIXES) or "{" in token or "*" in token:
        return False
    return "/" in token or token.endswith(EXTENSIONS)


def main():
    doc = ROOT / "docs" / "architecture.md"
    missing = []
    for token in re.findall(r"`([^`\n]+)`", doc.read_text()):
        if not is_path(token):
            continue
        name = token.rstrip("/")
        if name in ("state.db", "config.yaml", "jobs.json", "workspace.db", "approvals.db", "token", "backups"):
            continue
        if not any((base / name).exists() for base in BASES):
            missing.append(token)
    if missing:
        sys.exit("docs/architecture.md names paths that do not exist: " + ", ".join(sorted(set(missing))))


if __name__ == "__main__":
    main()
