"""A scripted OpenAI-compatible model on loopback, for tests only.

``python llm_stub.py PORT SCRIPT.json`` serves ``POST /v1/chat/completions`` (streamed or not) and
``GET /v1/models``. SCRIPT.json is a list of turns, answered in order, one per completion request:

* ``{"tool": "terminal", "arguments": {"command": "..."}}`` asks for one tool call;
* ``{"say": "text"}`` answers with text; ``"{last_tool}"`` in it is replaced by the last tool result the agent
  sent, so a test can read what the command printed or why it was blocked;
* ``{"verdict": "APPROVE"}`` answers the agent's smart-approval triage (any request whose system prompt is the
  security reviewer's is answered from the ``verdicts`` list instead of the turn list, in order).

When the script runs out the stub answers "done". Every request body is appended to ``SCRIPT.json.log`` as one
JSON line, so a test can count what the agent asked. Standard library only; loopback only.
"""

import http.server
import json
import os
import sys
import threading
import time

PORT = int(sys.argv[1])
SCRIPT_PATH = sys.argv[2]
LOCK = threading.Lock()
with open(SCRIPT_PATH, encoding="utf-8") as handle:
    SCRIPT = json.load(handle)
TURNS = list(SCRIPT.get("turns", [])) if isinstance(SCRIPT, dict) else list(SCRIPT)
VERDICTS = list(SCRIPT.get("verdicts", [])) if isinstance(SCRIPT, dict) else []


def last_tool_result(messages):
    for message in reversed(messages or []):
        if message.get("role") == "tool":
            content = message.get("content")
            if isinstance(content, list):
                content = " ".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
            return str(content)
    return ""


def next_answer(body):
    messages = body.get("messages") or []
    system = " ".join(str(m.get("content")) for m in messages if m.get("role") == "system")
    with LOCK:
        if "security reviewer" in system:
            return {"say": VERDICTS.pop(0) if VERDICTS else "ESCALATE"}
        if any(m.get("role") == "user" and "title" in str(m.get("content")).lower()[:200] for m in messages) and len(messages) <= 2 \
                and "tools" not in body:
            return {"say": "Test session"}
        return TURNS.pop(0) if TURNS else {"say": "done"}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_json(self, status, value):
        data = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path.rstrip("/").endswith("/models"):
            self.send_json(200, {"object": "list", "data": [{"id": "stub-model", "object": "model", "context_length": 200000}]})
        else:
            self.send_json(404, {"error": {"message": "not here"}})

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        with LOCK, open(SCRIPT_PATH + ".log", "a", encoding="utf-8") as log:
            log.write(json.dumps(body) + "\n")
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self.send_json(404, {"error": {"message": "not here"}})
            return
        answer = next_answer(body)
        created = int(time.time())
        if "tool" in answer:
            call = {"id": "call_%d" % created, "type": "function",
                    "function": {"name": answer["tool"], "arguments": json.dumps(answer.get("arguments", {}))}}
            message, finish = {"role": "assistant", "content": None, "tool_calls": [call]}, "tool_calls"
        else:
            text = str(answer.get("say", "done")).replace("{last_tool}", last_tool_result(body.get("messages")))
            message, finish = {"role": "assistant", "content": text}, "stop"
        usage = {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}
        if not body.get("stream"):
            self.send_json(200, {"id": "cmpl-stub", "object": "chat.completion", "created": created, "model": "stub-model",
                                 "choices": [{"index": 0, "message": message, "finish_reason": finish}], "usage": usage})
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        delta = dict(message)
        if "tool_calls" in delta:
            delta["tool_calls"] = [dict(delta["tool_calls"][0], index=0)]
        chunks = [
            {"choices": [{"index": 0, "delta": delta, "finish_reason": None}]},
            {"choices": [{"index": 0, "delta": {}, "finish_reason": finish}]},
            {"choices": [], "usage": usage},
        ]
        for chunk in chunks:
            chunk.update({"id": "cmpl-stub", "object": "chat.completion.chunk", "created": created, "model": "stub-model"})
            self.wfile.write(b"data: " + json.dumps(chunk).encode() + b"\n\n")
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()
        self.close_connection = True


def exit_with_parent(parent=os.getppid()):
    """A test that dies leaves no stub behind."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


threading.Thread(target=exit_with_parent, daemon=True).start()
http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
