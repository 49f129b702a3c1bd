"""Hermes Workspace approvals bridge.

Registers a ``pre_tool_call`` hook. When ``approvals.mode`` asks for a human decision, a shell command the agent
considers dangerous (manual and smart modes), a file write or a network action (manual mode) is submitted to the
workspace (``POST /api/v1/approvals``) and the hook blocks, long-polling ``GET /api/v1/approvals/<id>/decision``,
until an operator decides or the request expires:

* approved -> ``None`` (the tool runs),
* denied or expired -> ``{"action": "block", "message": ...}``,
* workspace unreachable, answering nonsense, or answering without the workspace's signature ->
  ``{"action": "approve", ...}``, which hands the call to the agent's own approval prompt, with the action in the
  message. The bridge never lets a call through silently.

Its credential is its own: ``workspace.json`` beside this file (written by ``hermes-workspace install-plugin``, 0600)
holds the URL, an *agent* token (it may submit a request and wait for the decision, nothing else) and a signing key.
Every request carries a fresh ``X-Hermes-Nonce`` and the bridge believes an answer only when its
``X-Hermes-Signature`` is the HMAC-SHA256 of that nonce and the body under the key, so whatever else listens on the
port cannot say "approved". ``$HERMES_WORKSPACE_URL`` overrides the URL. Tool calls that touch the workspace's own
credentials, its URL, this plugin or the approvals settings always need a person, whatever the detector says.
Standard library only.
"""

import hashlib
import hmac
import json
import os
import re
import secrets
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


def _credentials():
    """(url, token, signing key) from workspace.json beside this file; empty strings when it is missing."""
    try:
        stored = json.loads((Path(__file__).resolve().parent / "workspace.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stored = {}
    stored = stored if isinstance(stored, dict) else {}
    return str(stored.get("url") or ""), str(stored.get("token") or ""), str(stored.get("signingKey") or "")


def _settings(config):
    plugins = config.get("plugins") if isinstance(config.get("plugins"), dict) else {}
    entries = plugins.get("entries") if isinstance(plugins.get("entries"), dict) else {}
    entry = entries.get(PLUGIN_NAME) if isinstance(entries.get(PLUGIN_NAME), dict) else {}
    url = os.environ.get("HERMES_WORKSPACE_URL") or _credentials()[0] or entry.get("url") or "http://127.0.0.1:9119"
    return str(url).rstrip("/")


# What a hijacked agent would touch to approve itself or switch approvals off: the workspace's credentials and
# databases, its CLI, this plugin and its settings, the approvals settings in config.yaml.
_GUARDED = [
    "workspace/token", "workspace.db", "auth.json", "approvals.db", "workspace.json", PLUGIN_NAME, "hermes-workspace",
    "/api/v1/approvals", "/api/v1/auth", "/api/v1/config", "/api/v1/keys", "plugins.entries", "command_allowlist",
]


def _guarded(tool_name, args, base):
    """The reason a call needs a person whatever the detector says, or None."""
    try:
        text = json.dumps(args, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        text = str(args)
    lowered = text.lower()
    for needle in _GUARDED:
        if needle.lower() in lowered:
            return "touches the workspace's own credentials or settings (%s)" % needle
    host_port = re.sub(r"^[a-z]+://", "", base.lower()).split("/")[0]
    port = host_port.rsplit(":", 1)[-1] if ":" in host_port else ""
    if host_port and host_port in lowered:
        return "talks to the workspace (%s)" % host_port
    if port and re.search(r"(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0):%s\b" % re.escape(port), lowered):
        return "talks to the workspace's port %s" % port
    if re.search(r"config\.ya?ml", lowered) and re.search(r"approval|plugin|yolo", lowered):
        return "changes how approvals work (config.yaml)"
    return None


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


def _file_action(tool_name, args):
    """What a file tool will do, in full: the path and the content or edit it writes."""
    path = args.get("path") or args.get("file_path") or args.get("target") or "?"
    parts = ["%s %s" % (tool_name, path)]
    for key in ("content", "old_string", "new_string", "patch", "diff", "destination", "new_path"):
        value = args.get(key)
        if isinstance(value, str) and value:
            parts.append("--- %s ---\n%s" % (key, value))
    return "\n".join(parts)


def _describe(tool_name, args):
    if tool_name in SHELL_TOOLS:
        return str(args.get("command") or args.get("code") or "")
    if tool_name in FILE_TOOLS:
        return _file_action(tool_name, args)
    try:
        return "%s %s" % (tool_name, json.dumps(args, ensure_ascii=False, sort_keys=True))
    except (TypeError, ValueError):
        return "%s %s" % (tool_name, args)


def _needs_approval(tool_name, args, mode, base="http://127.0.0.1:9119"):
    """(action text, risks) when the call needs a human decision under ``mode``, else None."""
    if mode == "off":
        return None
    guarded = _guarded(tool_name, args, base)
    if guarded:
        return (_describe(tool_name, args), [guarded])
    if tool_name in SHELL_TOOLS:
        command = args.get("command") or args.get("code") or ""
        if not isinstance(command, str) or not command.strip():
            return None
        dangerous, risks = _dangerous(command)
        return (command, risks) if dangerous else None
    if mode != "manual":
        return None
    if tool_name in FILE_TOOLS:
        return (_file_action(tool_name, args), ["file write"])
    if tool_name in NETWORK_TOOLS:
        target = args.get("url") or args.get("query") or args.get("urls") or "?"
        return ("%s %s" % (tool_name, target if isinstance(target, str) else json.dumps(target)), ["network access"])
    return None


class _Unsigned(ValueError):
    pass


def _call(method, url, token, body=None, timeout=10, key=""):
    data = json.dumps(body).encode("utf-8") if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Authorization", "Bearer " + token)
    request.add_header("Accept", "application/json")
    nonce = secrets.token_hex(16)
    request.add_header("X-Hermes-Nonce", nonce)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        raw = response.read()
        if key:
            expected = "v1=" + hmac.new(key.encode("utf-8"), nonce.encode("utf-8") + b"\n" + raw, hashlib.sha256).hexdigest()
            if not hmac.compare_digest(expected, response.headers.get("X-Hermes-Signature") or ""):
                raise _Unsigned("the answer was not signed by the workspace")
        return json.loads(raw.decode("utf-8"))


def _visible(text):
    """``text`` with controls (but tab and newline), format characters (bidi overrides, zero-width) and odd spaces
    shown as <U+XXXX> markers, so the agent's own prompt cannot be made to show something other than what runs."""
    import unicodedata
    out = []
    for character in text:
        category = unicodedata.category(character)
        if character in "\t\n" or character == " " or category not in ("Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cn"):
            out.append(character)
        else:
            out.append("<U+%04X>" % ord(character))
    return "".join(out)


def _escalate(reason, tool_name="", action=""):
    """Hands the call to the agent's own prompt, saying exactly what would run. The rule key in brackets is per
    action, so an "always" given at that prompt covers this action only, never every later fallback."""
    if not action:
        return {"action": "approve", "message": "Hermes Workspace could not be asked (%s); approve here instead." % reason}
    key = hashlib.sha256(("%s\0%s" % (tool_name, action)).encode("utf-8", "replace")).hexdigest()[:16]
    shown = _visible(action if len(action) <= 4000 else action[:4000]) + ("" if len(action) <= 4000 else "\n… (%d more characters)" % (len(action) - 4000))
    return {"action": "approve",
            "message": "Hermes Workspace could not be asked (%s). %s wants to run:\n%s\n[workspace-approvals:%s] Approve here only if you mean it."
                       % (reason, tool_name or "The agent", shown, key)}


def ask_workspace(tool_name, args, session_id="", platform="", workdir=None):
    """The directive for one tool call (``None`` = run it). Public so it can be exercised directly."""
    args = args if isinstance(args, dict) else {}
    config = _config()
    base = _settings(config)
    needed = _needs_approval(tool_name, args, _mode(config), base)
    if needed is None:
        return None
    action, risks = needed
    _, token, key = _credentials()
    if not token:
        return _escalate("no credential in %s; run hermes-workspace install-plugin" % (Path(__file__).resolve().parent / "workspace.json"),
                         tool_name, action)
    submission = {"tool": tool_name, "action": action, "risks": risks, "reason": args.get("reason") or args.get("description")}
    if session_id:
        submission["sessionID"] = session_id
    if platform:
        submission["platform"] = platform
    if workdir or os.environ.get("TERMINAL_CWD"):
        submission["workdir"] = workdir or os.environ.get("TERMINAL_CWD")
    try:
        request = _call("POST", base + "/api/v1/approvals", token, {k: v for k, v in submission.items() if v}, key=key)
        deadline = time.time() + 24 * 3600
        while request.get("status") == "pending" and time.time() < deadline:
            request = _call("GET", "%s/api/v1/approvals/%s/decision?wait=%d" % (base, request["id"], POLL_SECONDS), token,
                            timeout=POLL_SECONDS + 15, key=key)
    except (urllib.error.URLError, OSError, ValueError, KeyError) as error:
        return _escalate(str(getattr(error, "reason", error)), tool_name, action)
    status = request.get("status")
    if status == "approved":
        return None
    if status == "denied":
        reason = request.get("denyReason")
        return {"action": "block", "message": "Denied in Hermes Workspace" + (": " + reason if reason else ".")}
    if status == "expired":
        return {"action": "block", "message": "Nobody answered in Hermes Workspace before the approval timed out; not run."}
    return _escalate("unexpected answer %r" % (status,), tool_name, action)


def _pre_tool_call(tool_name="", args=None, session_id="", **_):
    try:
        return ask_workspace(tool_name, args or {}, session_id=session_id, platform=os.environ.get("HERMES_SESSION_PLATFORM", ""))
    except Exception as error:  # never let a bridge failure allow the call
        return _escalate("bridge error: %s" % error)


def register(ctx):
    ctx.register_hook("pre_tool_call", _pre_tool_call)
