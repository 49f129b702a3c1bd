import React, { useEffect, useState } from "react";
import { api, basePath, SearchResults, SnippetPart } from "../../api";
import { relativeTime } from "../../format";
import { describeError } from "../../ui/useLoader";
import { SessionBadges, sessionLabel } from "./SessionRow";

export function Snippet({ parts }: { parts: SnippetPart[] }) {
  return <span className="snippet">{parts.map((part, index) => part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>)}</span>;
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
                    <span className="hit-meta">{hit.role} · {relativeTime(hit.timestamp)}</span>
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
