import React from "react";
import { ToolCall } from "../../api";

export function prettyJSON(value: unknown): string {
  if (typeof value === "string") {
    try { return JSON.stringify(JSON.parse(value), null, 2); } catch { return value; }
  }
  return JSON.stringify(value, null, 2);
}

export function ToolCallView({ call }: { call: ToolCall }) {
  return (
    <details className="tool-call" data-testid="tool-call">
      <summary>
        <span className="tool-icon" aria-hidden="true">⚒</span> Tool call <strong>{call.name}</strong>
        {call.resultMessageID !== undefined && (
          <a className="small tool-link" href={`#m${call.resultMessageID}`} onClick={(event) => {
            event.preventDefault();
            document.getElementById(`m${call.resultMessageID}`)?.scrollIntoView({ block: "center" });
          }}>result ↓</a>
        )}
      </summary>
      <pre className="code-block"><code>{prettyJSON(call.arguments)}</code></pre>
    </details>
  );
}
