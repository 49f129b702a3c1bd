// A tool call in the transcript. Shell calls (`terminal` and its kin) read as the command they run, with the
// working directory, background and timeout beside it; every other call shows its arguments as JSON. The raw
// arguments of a shell call stay one click away.
import React from "react";
import { Json, ToolCall } from "../../api";
import { Icon } from "../../ui/Icon";

export function prettyJSON(value: unknown): string {
  if (typeof value === "string") {
    try { return JSON.stringify(JSON.parse(value), null, 2); } catch { return value; }
  }
  return JSON.stringify(value, null, 2);
}

/// The tools whose `command` argument is a shell command line.
export const shellTools = new Set(["terminal", "shell", "bash", "execute_command", "run_command", "process"]);

/// A call's arguments as an object (the agent stores them as a JSON string), or null.
function argumentsObject(value: Json): { [key: string]: Json } | null {
  let parsed: unknown = value;
  if (typeof value === "string") { try { parsed = JSON.parse(value); } catch { return null; } }
  return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed as { [key: string]: Json } : null;
}

/// The shell command of a call and what modifies it, or null when the call is not a shell command.
export function shellCommand(call: ToolCall): { command: string; notes: string[] } | null {
  if (!shellTools.has(call.name)) return null;
  const args = argumentsObject(call.arguments);
  if (!args || typeof args.command !== "string") return null;
  const notes: string[] = [];
  if (typeof args.workdir === "string" && args.workdir) notes.push(`in ${args.workdir}`);
  if (args.background === true) notes.push("in the background");
  if (typeof args.timeout === "number") notes.push(`timeout ${args.timeout}s`);
  if (args.pty === true) notes.push("with a terminal");
  return { command: args.command, notes };
}

function ResultLink({ call }: { call: ToolCall }) {
  if (call.resultMessageID === undefined) return null;
  return (
    <a className="small tool-link" href={`#m${call.resultMessageID}`} onClick={(event) => {
      event.preventDefault();
      document.getElementById(`m${call.resultMessageID}`)?.scrollIntoView({ block: "center" });
    }}>result ↓</a>
  );
}

export function ToolCallView({ call }: { call: ToolCall }) {
  const shell = shellCommand(call);
  if (shell) {
    return (
      <div className="terminal-call" data-testid="tool-call" data-tool={call.name}>
        <div className="terminal-head small">
          <Icon name="terminal" size={15} /> <strong>{call.name}</strong>
          {shell.notes.length > 0 && <span className="muted"> · {shell.notes.join(" · ")}</span>}
          <ResultLink call={call} />
        </div>
        <pre className="terminal" tabIndex={0}><code><span className="terminal-prompt" aria-hidden="true">$ </span>{shell.command}</code></pre>
      </div>
    );
  }
  // The link to the result sits beside the summary, not in it: a control inside a summary is two controls in one.
  return (
    <div className="tool-call-wrap">
      <details className="tool-call" data-testid="tool-call" data-tool={call.name}>
        <summary>
          <span className="tool-icon" aria-hidden="true">⚒</span> Tool call <strong>{call.name}</strong>
        </summary>
        <pre className="code-block" tabIndex={0}><code>{prettyJSON(call.arguments)}</code></pre>
      </details>
      <ResultLink call={call} />
    </div>
  );
}

/// A shell tool's result: the agent's `{"output", "exit_code", "error"}` or plain text.
export function shellResult(content: string): { output: string; exitCode: number | null; error: string | null } {
  try {
    const parsed = JSON.parse(content);
    if (parsed && typeof parsed === "object" && typeof parsed.output === "string") {
      return {
        output: parsed.output, exitCode: typeof parsed.exit_code === "number" ? parsed.exit_code : null,
        error: typeof parsed.error === "string" && parsed.error ? parsed.error : null,
      };
    }
  } catch { /* plain text */ }
  return { output: content, exitCode: null, error: null };
}
