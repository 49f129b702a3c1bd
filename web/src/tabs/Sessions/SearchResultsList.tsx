import React, { useEffect, useState } from "react";
import { api, basePath, SearchResults, SnippetPart } from "../../api";
import { relativeTime } from "../../format";
import { describeError } from "../../ui/useLoader";
import { SessionBadges, sessionLabel } from "./SessionRow";

/// Whether a hit's text is the JSON of tool calls or a tool's JSON answer rather than prose.
export function isToolJSON(parts: SnippetPart[]): boolean {
  const text = parts.map((part) => part.text).join("");
  return /"(function|arguments|output|exit_code|tool_call_id)": /.test(text) || /^…?\s*[[{]"/.test(text);
}

/// A tool call's JSON read as words: escapes decoded, ids and quoting dropped, `terminal` + `{"command": "df -h"}`
/// shown as "terminal command: df -h". Applied per part, so the highlighted words stay highlighted.
export function readableToolText(text: string): string {
  return text
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\n/g, " ↵ ").replace(/\\t/g, " ").replace(/\\"/g, '"').replace(/\\\\/g, "\\")
    .replace(/^(…?)[A-Za-z_]*": "[^"]*", /, "$1")
    .replace(/"(id|call_id|response_item_id|type|tool_call_id)": "[^"]*",? ?/g, "")
    .replace(/"function": \{/g, "")
    .replace(/"name": "([^"]+)", "arguments": "?/g, "$1 ")
    .replace(/[{}[\]]+/g, " ")
    .replace(/"([A-Za-z_]+)": /g, "$1: ")
    .replace(/",\s*/g, " · ").replace(/"/g, "")
    .replace(/\s{2,}/g, " ");
}

export function Snippet({ parts }: { parts: SnippetPart[] }) {
  const tool = isToolJSON(parts);
  const shown = tool ? parts.map((part) => ({ ...part, text: readableToolText(part.text) })) : parts;
  return <span className="snippet">{shown.map((part, index) => part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>)}</span>;
}

export function SearchResultsList({ text, onOpen, hrefFor }: {
  text: string; onOpen: (id: string, messageID?: number) => void; hrefFor: (id: string, messageID?: number) => string;
}) {
  const [pages, setPages] = useState<SearchResults[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = (cursor?: string) => {
    setLoading(true);
    api.search({ q: text, cursor }).then((results) => {
      setPages((previous) => cursor ? previous.concat([results]) : [results]);
      setError(null);
      setLoading(false);
    }, (caught) => { setError(describeError(caught)); setLoading(false); });
  };
  useEffect(() => { setPages([]); load(); }, [text]);

  const groups = pages.flatMap((page) => page.items);
  const next = pages.length ? pages[pages.length - 1].nextCursor : undefined;
  return (
    <section className="session-list card search-results" aria-label="Search results">
      <div className="list-head">
        <span className="muted small" aria-live="polite">
          {loading ? "Searching…" : `${groups.length} conversation${groups.length === 1 ? "" : "s"}${next ? "+" : ""} for “${text}”`}
          {pages[0] && ` · ${pages[0].mode} search`}
        </span>
      </div>
      {error && <div className="alert alert-bad" role="alert">{error}</div>}
      {pages[0]?.notice && <div className="alert alert-warn small" role="status" data-testid="search-notice">{pages[0].notice}</div>}
      <ul className="result-groups">
        {groups.map((group) => (
          <li key={group.conversation.id} className="result-group">
            <a href={basePath + hrefFor(group.conversation.id)} className="result-title" onClick={(event) => { event.preventDefault(); onOpen(group.conversation.id); }}>
              {sessionLabel(group.conversation)}
            </a>
            <SessionBadges session={group.conversation} />
            <ul className="hits">
              {group.hits.map((hit) => (
                <li key={hit.messageID}>
                  <a href={basePath + hrefFor(group.conversation.id, hit.messageID)} className="hit" data-testid="search-hit" onClick={(event) => { event.preventDefault(); onOpen(group.conversation.id, hit.messageID); }}>
                    <span className="hit-meta">{isToolJSON(hit.snippet) ? (hit.role === "tool" ? "tool output" : "tool call") : hit.role} · {relativeTime(hit.timestamp)}</span>
                    <Snippet parts={hit.snippet} />
                  </a>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {next && <button type="button" className="button ghost" disabled={loading} onClick={() => load(next)}>More results</button>}
    </section>
  );
}
