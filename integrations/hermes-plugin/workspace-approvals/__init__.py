"""Hermes Workspace approvals bridge: the workspace as one more place where the agent's own approval prompt is
answered.

The agent decides what needs a human (its hard-line blocklist, deny rules, ``command_allowlist``, pattern detection,
smart triage, cron rules); this bridge adds no detector of its own for shell commands. When the agent's gate asks a
person, the same question goes to the workspace (``POST /api/v1/approvals``) with the agent's description, pattern
keys and the choices the agent offers, and the first answer from any surface settles it:

* gateway sessions (chat platforms, the API server's ``/v1/runs``): the ``pre_approval_request`` hook finds the
  agent's own queue entry and a waiter thread resolves exactly that entry when the workspace decides; ``/approve``
  in the chat or ``POST /v1/runs/{id}/approval`` resolve it first just as well, and the bridge then reports that
  outcome to the workspace;
* the CLI: an approval callback races the terminal prompt (the TUI's own panel, or a line on stdin) against the
  workspace; whichever answers first wins and the other is told;
* headless runs (cron jobs, scripts) when ``plugins.entries.workspace-approvals.headless`` is ``workspace``: the
  request waits in the Approvals tab up to ``approvals.timeout`` instead of following ``approvals.cron_mode``.

``always`` is persisted by the workspace into ``command_allowlist`` with its comment-keeping editor; the bridge
answers the agent ``session`` and adds the keys to the agent's in-memory allowlist, so the agent honours them now
and, from config.yaml, after a restart with the workspace down. An entry removed from ``command_allowlist`` is
dropped from the running agent's allowlist at its next tool call.

In manual mode file writes and network tools are escalated to the agent's gate through ``pre_tool_call`` (the agent
itself does not gate them); tool calls that touch the workspace's own credentials, its URL, this plugin or the
approvals settings are always escalated. Workspace unreachable, or an answer without the workspace's signature: the
agent's own prompt stays the only surface, never a silent yes.

Agent internals this depends on (hermes-agent 0.19.0; pinned by the workspace's interop tests, and when one is
missing the bridge logs a warning and leaves the agent's own prompt alone): ``tools.approval._gateway_queues`` and
``_lock`` (the per-session queue of ``_ApprovalEntry``), ``_permanent_approved``, ``approve_permanent``,
``register_gateway_notify``, ``_is_interactive_cli``, ``_is_gateway_approval_context``, ``get_current_session_key``,
``tools.terminal_tool._get_approval_callback``/``set_approval_callback``, and the TUI callback's
``_approval_state["response_queue"]``.

Its credential is its own: ``workspace.json`` beside this file (written by ``hermes-workspace install-plugin``, 0600)
holds the URL, an *agent* token (submit a request, wait for its decision, report an outcome decided elsewhere —
nothing else) and a signing key; the bridge believes an answer only when its ``X-Hermes-Signature`` is the
HMAC-SHA256 of the nonce it sent and the body. ``$HERMES_WORKSPACE_URL`` overrides the URL. Standard library only.
"""

import hashlib
import hmac
import json
import logging
import os
import queue
import re
import secrets
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

PLUGIN_NAME = "workspace-approvals"
SHELL_TOOLS = {"terminal", "shell", "execute_code"}
FILE_TOOLS = {"write_file", "patch", "edit_file", "delete_file", "move_file"}
NETWORK_TOOLS = {"web_search", "web_extract", "web_crawl", "browser_navigate", "http_request"}
POLL_SECONDS = 25
logger = logging.getLogger(__name__)


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


def _headless_setting(config):
    """``workspace`` (a headless run's dangerous command waits in the Approvals tab) or ``agent`` (the default:
    the agent's own ``approvals.cron_mode`` decides)."""
    plugins = config.get("plugins") if isinstance(config.get("plugins"), dict) else {}
    entries = plugins.get("entries") if isinstance(plugins.get("entries"), dict) else {}
    entry = entries.get(PLUGIN_NAME) if isinstance(entries.get(PLUGIN_NAME), dict) else {}
    return "workspace" if str(entry.get("headless") or "agent").strip().lower() == "workspace" else "agent"


def _approval_module():
    try:
        from tools import approval
        return approval
    except Exception:
        return None


def _timeout(config):
    approvals = config.get("approvals") if isinstance(config.get("approvals"), dict) else {}
    try:
        return max(1, int(approvals.get("timeout", 60)))
    except (TypeError, ValueError):
        return 60


class _Workspace:
    """One request in the workspace: submitted once, then waited on; every call signed and checked."""

    def __init__(self, config):
        self.base = _settings(config)
        _, self.token, self.key = _credentials()

    def submit(self, submission):
        if not self.token:
            raise OSError("no credential in workspace.json; run hermes-workspace install-plugin")
        return _call("POST", self.base + "/api/v1/approvals", self.token, {k: v for k, v in submission.items() if v not in (None, "", [])},
                     timeout=30, key=self.key)

    def wait(self, request_id, seconds=POLL_SECONDS):
        return _call("GET", "%s/api/v1/approvals/%s/decision?wait=%d" % (self.base, request_id, seconds), self.token,
                     timeout=seconds + 15, key=self.key)

    def report(self, request_id, choice, surface):
        """Tells the workspace how the agent's own prompt settled a request (chat, API server, terminal, timeout)."""
        try:
            return _call("POST", "%s/api/v1/approvals/%s/outcome" % (self.base, request_id), self.token,
                         {"choice": choice, "surface": surface}, key=self.key)
        except Exception as error:  # the agent's decision stands whatever the workspace says
            logger.info("workspace-approvals: could not report the outcome of %s: %s", request_id, error)
            return None


def _choice(request, allow_permanent=True, smart_denied=False):
    """The agent's choice for a decided workspace request, or None while it is pending."""
    status = request.get("status")
    if status == "approved":
        scope = request.get("scope") or "once"
        if smart_denied:
            return "once"
        if scope == "always":
            return "always" if allow_permanent else "session"
        return scope if scope in ("once", "session") else "once"
    if status in ("denied", "expired"):
        return "deny"
    return None


def _deny_reason(request):
    who = request.get("decidedBy") or "an operator"
    if request.get("status") == "expired":
        return "nobody answered in Hermes Workspace in time"
    reason = request.get("denyReason")
    return "denied in Hermes Workspace by %s%s" % (who, (": " + reason) if reason else "")


def _make_permanent(keys):
    """Adds pattern keys to the running agent's allowlist (the workspace wrote them to command_allowlist)."""
    approval = _approval_module()
    for key in keys or []:
        if key and not str(key).startswith("tirith:"):
            try:
                approval.approve_permanent(key)
            except Exception as error:
                logger.warning("workspace-approvals: could not add %r to the agent's allowlist: %s", key, error)


_synced_allowlist = None


def _sync_allowlist(config):
    """Drops entries removed from config.yaml's command_allowlist (e.g. in the workspace's Rules view) from the
    running agent's in-memory allowlist, so a removal takes effect at the next tool call."""
    global _synced_allowlist
    listed = config.get("command_allowlist")
    current = set(str(item) for item in listed) if isinstance(listed, list) else set()
    previous, _synced_allowlist = _synced_allowlist, current
    if previous is None:
        return
    approval = _approval_module()
    removed = previous - current
    if removed and approval is not None and hasattr(approval, "_permanent_approved"):
        with approval._lock:
            for key in removed:
                approval._permanent_approved.discard(key)


# ---------------------------------------------------------------------------------------------------------------
# Gateway sessions: the agent's own queue entry, resolved by whichever surface answers first.

_forwarded = {}  # id(entry) -> (workspace, request id), while the agent waits
_forwarded_lock = threading.Lock()
_thread_context = threading.local()


def _find_entry(approval, session_key, command):
    with approval._lock:
        for entry in reversed(approval._gateway_queues.get(session_key, [])):
            if entry.result is None and not entry.event.is_set() and entry.data.get("command") == command:
                return entry
    return None


def _claim(approval, session_key, entry):
    """Takes ``entry`` out of the agent's queue if no other surface has; True when this bridge may answer it."""
    with approval._lock:
        waiting = approval._gateway_queues.get(session_key, [])
        if entry not in waiting or entry.event.is_set():
            return False
        waiting.remove(entry)
        if not waiting:
            approval._gateway_queues.pop(session_key, None)
        return True


def _profile():
    """The profile this agent runs as, as install-plugin recorded it (the workspace serves every profile)."""
    try:
        stored = json.loads((Path(__file__).resolve().parent / "workspace.json").read_text(encoding="utf-8"))
        return str(stored.get("profile") or "default")
    except (OSError, ValueError):
        return "default"


def _submission(tool, action, description, keys, allow_permanent, smart_denied, session_key, surface):
    workdir = os.environ.get("TERMINAL_CWD") or None
    platform = ""
    try:
        platform = _approval_module()._get_session_platform()
    except Exception:
        platform = os.environ.get("HERMES_SESSION_PLATFORM", "")
    return {"tool": tool, "action": action, "description": description, "patternKeys": list(keys or []),
            "allowPermanent": bool(allow_permanent), "smartDenied": bool(smart_denied), "sessionID": session_key,
            "platform": platform, "surface": surface, "workdir": workdir, "profile": _profile()}


def _target(command, description):
    """(tool, action) for a gate prompt: a plugin escalation shows ``<tool> (plugin approval rule)``; its action is
    the one this bridge stashed when it escalated, else the agent's description."""
    found = re.match(r"^<([A-Za-z0-9_.:-]+)> \(plugin approval rule\)$", command or "")
    if not found:
        return "terminal", command
    stashed = getattr(_thread_context, "escalated", None)
    if stashed and stashed[0] == found.group(1):
        return stashed[0], stashed[1]
    return found.group(1), description


def _wait_for_gateway(entry, session_key, workspace, request, approval, allow_permanent, smart_denied, keys):
    try:
        while True:
            if entry.event.is_set():
                return
            choice = _choice(request, allow_permanent, smart_denied)
            if choice is not None:
                break
            request = workspace.wait(request["id"])
        if request.get("status") == "expired" or not _claim(approval, session_key, entry):
            return
        with _forwarded_lock:
            _forwarded.pop(id(entry), None)  # before the agent's post hook can see the answer as another surface's
        if request.get("scope") == "always" and choice == "always":
            _make_permanent(keys)
            choice = "session"
        entry.result = choice
        if choice == "deny":
            entry.reason = _deny_reason(request)
        entry.event.set()
    except Exception as error:
        logger.warning("workspace-approvals: waiting for the workspace failed (%s); the agent's own prompt decides", error)
        with _forwarded_lock:
            _forwarded.pop(id(entry), None)


def _pre_approval_request(command="", description="", pattern_key="", pattern_keys=None, session_key="", surface="", **_):
    """The agent's gate is about to ask a person (``surface`` gateway or cli) or its smart triage (``smart``,
    ignored: only escalations come to the workspace)."""
    keys = list(pattern_keys or ([pattern_key] if pattern_key else []))
    if surface == "cli":
        _thread_context.keys = keys
        return
    if surface != "gateway":
        return
    approval = _approval_module()
    entry = _find_entry(approval, session_key, command) if approval is not None and hasattr(approval, "_gateway_queues") else None
    if entry is None:
        logger.warning("workspace-approvals: the agent's approval queue was not found (agent version?); not asking the workspace")
        return
    config = _config()
    workspace = _Workspace(config)
    tool, action = _target(command, description)
    allow_permanent = entry.data.get("allow_permanent", True) is not False
    smart_denied = bool(entry.data.get("smart_denied"))
    surface_name = "headless" if getattr(approval._gateway_notify_cbs.get(session_key), "_workspace_headless", False) else "gateway"
    try:
        request = workspace.submit(_submission(tool, action, description, keys, allow_permanent, smart_denied, session_key, surface_name))
    except Exception as error:
        logger.warning("workspace-approvals: the workspace could not be asked (%s)", error)
        if surface_name == "headless" and _claim(approval, session_key, entry):
            entry.result, entry.reason = "deny", "Hermes Workspace could not be asked (%s) and nobody else can answer" % error
            entry.event.set()
        return
    with _forwarded_lock:
        _forwarded[id(entry)] = (workspace, request["id"], surface_name, session_key, command)
    threading.Thread(target=_wait_for_gateway, name="workspace-approval-%s" % request["id"][:8], daemon=True,
                     args=(entry, session_key, workspace, request, approval, allow_permanent, smart_denied, keys)).start()


def _post_approval_response(command="", session_key="", surface="", choice="", **_):
    """The agent's gate has its answer. When another surface gave it, the workspace is told, so nobody is asked
    twice and its history says who decided."""
    if surface != "gateway":
        return
    approval = _approval_module()
    if approval is None:
        return
    with _forwarded_lock:
        matches = [(key, value) for key, value in _forwarded.items() if value[3] == session_key and value[4] == command]
    for key, (workspace, request_id, surface_name, _, _) in matches:
        # The one of these entries that left the agent's queue without this bridge claiming it is the one answered.
        with approval._lock:
            still_waiting = any(id(entry) == key for entry in approval._gateway_queues.get(session_key, []))
        if still_waiting:
            continue
        with _forwarded_lock:
            if _forwarded.pop(key, None) is None:
                continue
        workspace.report(request_id, choice or "timeout", "chat" if surface_name == "gateway" else surface_name)
        return


# ---------------------------------------------------------------------------------------------------------------
# The CLI: the terminal prompt and the workspace race; the first answer wins.

_stdin_lines = queue.Queue()
_stdin_reader = None
_stdin_lock = threading.Lock()


def _read_stdin():
    while True:
        try:
            line = sys.stdin.readline()
        except Exception:
            line = ""
        if not line:
            _stdin_lines.put(None)
            return
        _stdin_lines.put(line)


def _terminal_line(deadline, done):
    """One answer typed at the terminal before ``deadline`` while ``done`` is unset, or None (no terminal, end of
    input, time up, or the workspace answered first — a line read then is left for the next prompt)."""
    global _stdin_reader
    with _stdin_lock:
        if _stdin_reader is None:
            _stdin_reader = threading.Thread(target=_read_stdin, name="workspace-approvals-stdin", daemon=True)
            _stdin_reader.start()
    while time.monotonic() < deadline and not done.is_set():
        try:
            line = _stdin_lines.get(timeout=0.2)
        except queue.Empty:
            continue
        if line is None:
            _stdin_lines.put(None)  # stays at end of input for every later prompt
            return None
        if done.is_set():
            _stdin_lines.put(line)
            return None
        return line.strip().lower()
    return None


def _terminal_choice(line, allow_permanent, smart_denied):
    if smart_denied:
        return "once" if line in ("o", "once", "y", "yes") else "deny"
    table = {"o": "once", "once": "once", "s": "session", "session": "session", "a": "always", "always": "always"}
    choice = table.get(line, "deny")
    return "session" if choice == "always" and not allow_permanent else choice


def _ask_terminal(original, command, description, allow_permanent, smart_denied, deadline, answers, done):
    """Puts the terminal's answer into ``answers``: the agent's own TUI callback when there is one, else a line read
    from stdin after the same prompt the agent prints."""
    try:
        if original is not None:
            keywords = {"allow_permanent": allow_permanent}
            if smart_denied:
                keywords["smart_denied"] = True
            answers.put(("terminal", original(command, description, **keywords), None))
            return
        choices = "[o]nce / [d]eny" if smart_denied else ("[o]nce / [s]ession / [a]lways / [d]eny" if allow_permanent else "[o]nce / [s]ession / [d]eny")
        print("\n  ⚠ Dangerous command: %s\n      %s\n\n  %s (also waiting for Hermes Workspace)" % (description, _visible(command), choices))
        sys.stdout.flush()
        line = _terminal_line(deadline, done)
        if line is not None:
            answers.put(("terminal", _terminal_choice(line, allow_permanent, smart_denied), None))
    except Exception as error:
        logger.warning("workspace-approvals: the terminal prompt failed: %s", error)


def _ask_workspace(workspace, request, deadline, answers, allow_permanent, smart_denied):
    try:
        while time.monotonic() < deadline:
            choice = _choice(request, allow_permanent, smart_denied)
            if choice is not None:
                answers.put(("workspace", choice, request))
                return
            request = workspace.wait(request["id"], max(1, min(POLL_SECONDS, int(deadline - time.monotonic()))))
    except Exception as error:
        logger.warning("workspace-approvals: waiting for the workspace failed: %s", error)
        answers.put(("workspace-failed", None, None))


def _close_tui_prompt(original, choice):
    """Answers the agent's TUI panel so it closes (internal: ``_approval_state["response_queue"]``)."""
    state = getattr(getattr(original, "__self__", None), "_approval_state", None)
    target = state.get("response_queue") if isinstance(state, dict) else None
    if target is None:
        logger.warning("workspace-approvals: cannot close the terminal's approval panel (agent version?); it times out by itself")
        return
    target.put(choice)


def _cli_callback(original):
    def callback(command, description, *, allow_permanent=True, smart_denied=False):
        config = _config()
        keys = getattr(_thread_context, "keys", None) or []
        _thread_context.keys = None
        tool, action = _target(command, description)
        cron = os.environ.get("HERMES_CRON_SESSION", "").strip().lower() in ("1", "true", "yes", "on")
        headless = cron and _headless_setting(config) == "workspace"
        if cron and not headless:
            approval = _approval_module()
            return "once" if approval is not None and approval._get_cron_approval_mode() == "approve" else "deny"
        workspace = _Workspace(config)
        try:
            request = workspace.submit(_submission(tool, action, description, keys, allow_permanent, smart_denied,
                                                   _session_key(), "headless" if headless else "cli"))
        except Exception as error:
            logger.warning("workspace-approvals: the workspace could not be asked (%s); the terminal decides", error)
            if original is not None:
                keywords = {"allow_permanent": allow_permanent}
                if smart_denied:
                    keywords["smart_denied"] = True
                return original(command, description, **keywords)
            approval = _approval_module()
            return approval.prompt_dangerous_approval(command, description, allow_permanent=allow_permanent,
                                                      smart_denied=smart_denied, approval_callback=None)
        deadline = time.monotonic() + _timeout(config)
        answers = queue.Queue()
        done = threading.Event()
        threading.Thread(target=_ask_workspace, daemon=True, args=(workspace, request, deadline, answers, allow_permanent, smart_denied)).start()
        if not headless:
            threading.Thread(target=_ask_terminal, daemon=True,
                             args=(original, command, description, allow_permanent, smart_denied, deadline, answers, done)).start()
        source, choice, decided = None, None, None
        while time.monotonic() < deadline + 1:
            try:
                source, choice, decided = answers.get(timeout=max(0.05, deadline + 1 - time.monotonic()))
            except queue.Empty:
                break
            if source != "workspace-failed":
                break
            source = None  # the workspace went away: only the terminal can still answer
        done.set()
        if source == "workspace":
            if original is not None:
                _close_tui_prompt(original, choice)
            if decided.get("scope") == "always" and choice == "always":
                _make_permanent(keys)
                choice = "session"
            print("  %s in Hermes Workspace by %s." % ("Approved (%s)" % decided.get("scope", "once") if choice != "deny" else "Denied",
                                                      decided.get("decidedBy") or "an operator"))
            return choice
        if source == "terminal":
            # The agent's own prompt says "deny" when its timer runs out, a moment before this one does.
            timed_out = choice == "deny" and time.monotonic() >= deadline - 1.5
            workspace.report(request["id"], "timeout" if timed_out else choice, "terminal")
            return choice
        print("\n  ⏱ Timeout — denying command")
        workspace.report(request["id"], "timeout", "headless" if headless else "terminal")
        return "deny"

    callback._workspace_bridge = True
    callback.original = original
    return callback


def _session_key():
    """The agent's approval session key; in the CLI (which has none) the session id the last tool call carried."""
    approval = _approval_module()
    try:
        key = approval.get_current_session_key(default="") or ""
    except Exception:
        key = os.environ.get("HERMES_SESSION_KEY", "")
    return key or getattr(_thread_context, "session_id", "") or ""


def _install_cli_callback():
    """Puts the racing callback on this thread (the agent keeps its callbacks per thread)."""
    try:
        from tools import terminal_tool
        current = terminal_tool._get_approval_callback()
        if getattr(current, "_workspace_bridge", False):
            return
        terminal_tool.set_approval_callback(_cli_callback(current))
    except Exception as error:
        logger.warning("workspace-approvals: cannot add the workspace to the terminal prompt (agent version?): %s", error)


def _headless_notify(approval_data):
    """Registered for a headless session so the agent's gate waits (the pre_approval_request hook asks the
    workspace); nothing else to notify."""


_headless_notify._workspace_headless = True


_headless_keys = set()
_set_exec_ask = False


def _prepare_headless(approval):
    """A run nobody watches, with ``headless: workspace``: makes the agent's gate wait for an answer (the agent's
    ``HERMES_EXEC_ASK`` switch and a notify callback for the session) instead of following cron_mode."""
    global _set_exec_ask
    if os.environ.get("HERMES_EXEC_ASK") != "1":
        os.environ["HERMES_EXEC_ASK"] = "1"
        _set_exec_ask = True
    key = approval.get_current_session_key()  # the key the agent's gate looks its notify callback up by
    with approval._lock:
        present = approval._gateway_notify_cbs.get(key)
    if present is None:
        approval.register_gateway_notify(key, _headless_notify)
        _headless_keys.add(key)


def _undo_headless(approval):
    """The switch went back to ``agent``: the agent's own cron rules decide again (in a long-running gateway too)."""
    global _set_exec_ask
    if _set_exec_ask:
        os.environ.pop("HERMES_EXEC_ASK", None)
        _set_exec_ask = False
    for key in list(_headless_keys):
        with approval._lock:
            ours = getattr(approval._gateway_notify_cbs.get(key), "_workspace_headless", False)
        if ours:
            approval.unregister_gateway_notify(key)
        _headless_keys.discard(key)


# ---------------------------------------------------------------------------------------------------------------
# pre_tool_call: what the agent itself does not gate.


def _needs_approval(tool_name, args, mode, base="http://127.0.0.1:9119"):
    """(action text, why) when the bridge escalates the call to the agent's gate, else None. Shell commands are
    the agent's to judge, except those that touch the workspace's own credentials and settings."""
    if mode == "off":
        return None
    guarded = _guarded(tool_name, args, base)
    if guarded:
        return (_describe(tool_name, args), guarded)
    if mode != "manual" or tool_name in SHELL_TOOLS:
        return None
    if tool_name in FILE_TOOLS:
        return (_file_action(tool_name, args), "file write")
    if tool_name in NETWORK_TOOLS:
        target = args.get("url") or args.get("query") or args.get("urls") or "?"
        return ("%s %s" % (tool_name, target if isinstance(target, str) else json.dumps(target)), "network access")
    return None


def _pre_tool_call(tool_name="", args=None, session_id="", **_):
    try:
        _thread_context.session_id = session_id or ""
        config = _config()
        _sync_allowlist(config)
        approval = _approval_module()
        if approval is not None:
            interactive = approval._is_interactive_cli() and not approval._is_gateway_approval_context()
            if interactive:
                _install_cli_callback()
            elif _headless_setting(config) == "workspace":
                if not approval._is_gateway_approval_context():
                    _prepare_headless(approval)
            elif _set_exec_ask or _headless_keys:
                _undo_headless(approval)
        needed = _needs_approval(tool_name, args if isinstance(args, dict) else {}, _mode(config), _settings(config))
        if needed is None:
            return None
        action, why = needed
        _thread_context.escalated = (tool_name, action)
        key = hashlib.sha256(("%s\0%s" % (tool_name, action)).encode("utf-8", "replace")).hexdigest()[:16]
        shown = _visible(action if len(action) <= 4000 else action[:4000] + "\n… (%d more characters)" % (len(action) - 4000))
        return {"action": "approve", "rule_key": "workspace-approvals:%s" % key,
                "message": "%s (%s):\n%s" % (tool_name, why, shown)}
    except Exception as error:  # never let a bridge failure allow a guarded call
        logger.warning("workspace-approvals: %s", error)
        return {"action": "approve", "message": "Hermes Workspace bridge error (%s); approve here only if you mean it." % error}


def register(ctx):
    ctx.register_hook("pre_tool_call", _pre_tool_call)
    ctx.register_hook("pre_approval_request", _pre_approval_request)
    ctx.register_hook("post_approval_response", _post_approval_response)
