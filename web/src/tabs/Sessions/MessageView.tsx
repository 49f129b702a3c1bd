import { When } from "../../ui/When";
import React from "react";
import { TranscriptMessage } from "../../api";

import { Markdown } from "../../ui/Markdown";
import { prettyJSON, shellResult, shellTools, ToolCallView } from "./ToolCallView";
import { Badge } from "../../ui/Badge";

/// A shell tool's output as a terminal shows it, with its exit status.
function ShellOutput({ content }: { content: string }) {
  const result = shellResult(content);
  return (
    <details className="tool-result" open={result.output.length < 2000}>
      <summary>
        Output{result.exitCode !== null && <> <Badge tone={result.exitCode === 0 ? "good" : "bad"}>exit {result.exitCode}</Badge></>}
      </summary>
      {result.output ? <pre className="terminal terminal-output" tabIndex={0}><code>{result.output}</code></pre> : <p className="muted small">No output.</p>}
      {result.error && <p className="field-error small">{result.error}</p>}
    </details>
  );
}

export function MessageView({ message, highlighted }: { message: TranscriptMessage; highlighted: boolean }) {
  const classes = ["message", `message-${message.role}`];
  if (highlighted) classes.push("highlighted");
  if (!message.active) classes.push("inactive");
  return (
    <article id={`m${message.id}`} className={classes.join(" ")} aria-label={`${message.role} message`}>
      <header className="message-head">
        <span><span className="message-role">{message.role}</span>{message.role === "tool" && <span className="tool-name"> · {message.toolName || "result"}</span>}</span>
        <span className="muted small">
          <When iso={message.timestamp} relative />
          {message.compacted ? " · compacted" : !message.active ? " · rewound" : ""}
          {message.finishReason && message.finishReason !== "stop" && message.finishReason !== "tool_calls" ? ` · ${message.finishReason}` : ""}
        </span>
      </header>
      {message.reasoning && (
        <details className="reasoning">
          <summary>Reasoning</summary>
          <div className="reasoning-body">{message.reasoning}</div>
        </details>
      )}
      {message.role === "tool" ? (
        <div className="tool-call-wrap">
          {shellTools.has(message.toolName || "") ? <ShellOutput content={message.content || ""} /> : (
            <details className="tool-result" open={(message.content || "").length < 400}>
              <summary>Result</summary>
              <pre className="code-block" tabIndex={0}><code>{prettyJSON(message.content || "")}</code></pre>
            </details>
          )}
          {message.callMessageID !== undefined && (
            <a className="small tool-link" href={`#m${message.callMessageID}`} onClick={(event) => {
              event.preventDefault();
              document.getElementById(`m${message.callMessageID}`)?.scrollIntoView({ block: "center" });
            }}>↑ call</a>
          )}
        </div>
      ) : message.content ? (
        <Markdown source={message.content} />
      ) : message.contentParts ? (
        <pre className="code-block" tabIndex={0}><code>{prettyJSON(message.contentParts)}</code></pre>
      ) : null}
      {message.contentBytes !== undefined && (
        <div className="muted small" role="note">Only the first MiB of this {message.contentBytes.toLocaleString()}-byte message is shown; export the session for all of it.</div>
      )}
      {message.toolCalls.map((call, index) => <ToolCallView key={call.id || index} call={call} />)}
    </article>
  );
}
