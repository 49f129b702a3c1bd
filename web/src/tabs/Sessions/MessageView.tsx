import { When } from "../../ui/When";
import React from "react";
import { TranscriptMessage } from "../../api";

import { Markdown } from "../../ui/Markdown";
import { prettyJSON, ToolCallView } from "./ToolCallView";

export function MessageView({ message, highlighted }: { message: TranscriptMessage; highlighted: boolean }) {
  const classes = ["message", `message-${message.role}`];
  if (highlighted) classes.push("highlighted");
  if (!message.active) classes.push("inactive");
  return (
    <article id={`m${message.id}`} className={classes.join(" ")} aria-label={`${message.role} message`}>
      <header className="message-head">
        <span><span className="message-role">{message.role}</span>{message.role === "tool" && <span className="tool-name"> · {message.toolName || "result"}</span>}</span>
        <span className="muted small">
          <When iso={message.timestamp} />
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
          <details className="tool-result" open={(message.content || "").length < 400}>
            <summary>Result</summary>
            <pre className="code-block" tabIndex={0}><code>{prettyJSON(message.content || "")}</code></pre>
          </details>
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
