import React from "react";
import { ToolCall } from "../../api";

export function prettyJSON(value: unknown): string {
  if (typeof value === "string") {
    try { return JSON.stringify(JSON.parse(value), null, 2); } catch { return value; }
  }
  return JSON.stringify(value, null, 2);
}

export function ToolCallView({ call }: { call: ToolCall }) {
  // The link to the result sits beside the summary, not in it: a control inside a summary is two controls in one.
  return (
    <div className="tool-call-wrap">
      <details className="tool-call" data-testid="tool-call">
        <summary>
          <span className="tool-icon" aria-hidden="true">⚒</span> Tool call <strong>{call.name}</strong>
        </summary>
        <pre className="code-block" tabIndex={0}><code>{prettyJSON(call.arguments)}</code></pre>
      </details>
      {call.resultMessageID !== undefined && (
        <a className="small tool-link" href={`#m${call.resultMessageID}`} onClick={(event) => {
          event.preventDefault();
          document.getElementById(`m${call.resultMessageID}`)?.scrollIntoView({ block: "center" });
        }}>result ↓</a>
      )}
    </div>
  );
}
