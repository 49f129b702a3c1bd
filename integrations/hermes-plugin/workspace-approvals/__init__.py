"""Hermes Workspace approvals bridge.

Registers a ``pre_tool_call`` hook. When ``approvals.mode`` asks for a human decision, a shell command the agent
considers dangerous (manual and smart modes), a file write or a network action (manual mode) is submitted to the
workspace (``POST /api/v1/approvals``) and the hook blocks, long-polling ``GET /api/v1/approvals/<id>/decision``,
until an operator decides or the request expires:

* approved -> ``None`` (the tool runs),
* denied or expired -> ``{"action": "block", "message": ...}``,
* workspace unreachable or answering nonsense -> ``{"action": "approve", ...}``, which hands the call to the agent's
  own approval prompt. The bridge never lets a call through silently.

The token is read from ``$HERMES_HOME/workspace/token``; the URL from ``plugins.entries.workspace-approvals.url`` in
config.yaml (or ``$HERMES_WORKSPACE_URL``), default ``http://127.0.0.1:9119``. Standard library only.
"""

import json
import os
import time
import urllib.error
import urllib.request
from pathlib import Path

PLUGIN_NAME = "workspace-approvals"
SHELL_TOOLS = {"terminal", "shell", "execute_code"}
FILE_TOOLS = {"write_file", "patch", "edit_file", "delete_file", "move_file"}
NETWORK_TOOLS = {"web_search", "web_extract", "web_crawl", "browser_navigate", "http_request"}
POLL_SECONDS = 30


def _home():
    return Path(os.environ.get("HERMES_HOME") or Path.home() / ".hermes")


def _config():
    try:
        from hermes_cli.config import load_config
        config = load_config()
        return config if isinstance(config, dict) else {}
    except Exception:
        return {}


def _mode(config):
    approvals = config.get("approvals") if isinstance(config.get("approvals"), dict) else {}
    mode = approvals.get("mode", "smart")
    if mode is False:
        return "off"
    mode = str(mode).strip().lower()
    return mode if mode in ("manual", "smart", "off") else "manual"


def _settings(config):
    plugins = config.get("plugins") if isinstance(config.get("plugins"), dict) else {}
    entries = plugins.get("entries") if isinstance(plugins.get("entries"), dict) else {}
    entry = entries.get(PLUGIN_NAME) if isinstance(entries.get(PLUGIN_NAME), dict) else {}
    url = os.environ.get("HERMES_WORKSPACE_URL") or entry.get("url") or "http://127.0.0.1:9119"
    return str(url).rstrip("/")


def _token():
    try:
        return (_home() / "workspace" / "token").read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def _dangerous(command):
    """The agent's own detector: (is_dangerous, pattern_key, description). Unknown -> dangerous."""
    try:
        from tools.approval import detect_dangerous_command
        found = detect_dangerous_command(command)
        if isinstance(found, tuple) and found:
            risks = []
            for part in found[1:]:
                if part and str(part) not in risks:
                    risks.append(str(part))
            return bool(found[0]), risks
        return bool(found), []
    except Exception:
        return True, ["could not run the agent's detector"]


def _needs_approval(tool_name, args, mode):
    """(action text, risks) when the call needs a human decision under ``mode``, else None."""
    if mode == "off":
        return None
    if tool_name in SHELL_TOOLS:
        command = args.get("command") or args.get("code") or ""
        if not isinstance(command, str) or not command.strip():
            return None
        dangerous, risks = _dangerous(command)
        return (command, risks) if dangerous else None
    if mode != "manual":
        return None
    if tool_name in FILE_TOOLS:
        path = args.get("path") or args.get("file_path") or args.get("target") or "?"
        return ("%s %s" % (tool_name, path), ["file write"])
    if tool_name in NETWORK_TOOLS:
        target = args.get("url") or args.get("query") or args.get("urls") or "?"
        return ("%s %s" % (tool_name, target if isinstance(target, str) else json.dumps(target)), ["network access"])
    return None


def _call(method, url, token, body=None, timeout=10):
    data = json.dumps(body).encode("utf-8") if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Authorization", "Bearer " + token)
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read().decode("utf-8"))


def _escalate(reason):
    return {"action": "approve", "message": "Hermes Workspace could not be asked (%s); approve here instead." % reason}


def ask_workspace(tool_name, args, session_id="", platform="", workdir=None):
    """The directive for one tool call (``None`` = run it). Public so it can be exercised directly."""
    args = args if isinstance(args, dict) else {}
    config = _config()
    needed = _needs_approval(tool_name, args, _mode(config))
    if needed is None:
        return None
    action, risks = needed
    base, token = _settings(config), _token()
    if not token:
        return _escalate("no token in %s" % (_home() / "workspace" / "token"))
    submission = {"tool": tool_name, "action": action, "risks": risks, "reason": args.get("reason") or args.get("description")}
    if session_id:
        submission["sessionId"] = session_id
    if platform:
        submission["platform"] = platform
    if workdir or os.environ.get("TERMINAL_CWD"):
        submission["workdir"] = workdir or os.environ.get("TERMINAL_CWD")
    try:
        request = _call("POST", base + "/api/v1/approvals", token, {k: v for k, v in submission.items() if v})
        deadline = time.time() + 24 * 3600
        while request.get("status") == "pending" and time.time() < deadline:
            request = _call("GET", "%s/api/v1/approvals/%s/decision?wait=%d" % (base, request["id"], POLL_SECONDS), token,
                            timeout=POLL_SECONDS + 15)
    except (urllib.error.URLError, OSError, ValueError, KeyError) as error:
        return _escalate(str(getattr(error, "reason", error)))
    status = request.get("status")
    if status == "approved":
        return None
    if status == "denied":
        reason = request.get("denyReason")
        return {"action": "block", "message": "Denied in Hermes Workspace" + (": " + reason if reason else ".")}
    if status == "expired":
        return {"action": "block", "message": "Nobody answered in Hermes Workspace before the approval timed out; not run."}
    return _escalate("unexpected answer %r" % (status,))


def _pre_tool_call(tool_name="", args=None, session_id="", **_):
    try:
        return ask_workspace(tool_name, args or {}, session_id=session_id, platform=os.environ.get("HERMES_SESSION_PLATFORM", ""))
    except Exception as error:  # never let a bridge failure allow the call
        return _escalate("bridge error: %s" % error)


def register(ctx):
    ctx.register_hook("pre_tool_call", _pre_tool_call)
