// The virtualized list of conversations: only the rows in view are in the DOM; pages load as you scroll.
import React, { useEffect, useRef, useState } from "react";
import { api, Query, SessionSummary } from "../../api";
import { describeError } from "../../ui/useLoader";
import { useViewportHeight } from "../../ui/useViewportHeight";
import { SessionRow } from "./SessionRow";

const rowHeight = 64;
const overscan = 8;

export function SessionList({ query, selected, onOpen, refreshKey }: {
  query: Query; selected: string | null; onOpen: (id: string) => void; refreshKey: number;
}) {
  const [items, setItems] = useState<SessionSummary[]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [scrollTop, setScrollTop] = useState(0);
  const viewport = useRef<HTMLDivElement | null>(null);
  const height = useViewportHeight(viewport);
  const request = useRef(0);

  const load = (after: string | undefined, replace: boolean) => {
    const ticket = ++request.current;
    setLoading(true);
    api.sessions({ ...query, limit: 50, cursor: after, total: replace ? true : undefined }).then((page) => {
      if (ticket !== request.current) return;
      setItems((previous) => replace ? page.items : previous.concat(page.items));
      setCursor(page.nextCursor);
      if (replace) { setTotal(page.total); setNotice(page.notice); }
      setError(null);
      setLoading(false);
    }, (caught) => {
      if (ticket !== request.current) return;
      setError(describeError(caught));
      setLoading(false);
    });
  };

  useEffect(() => {
    if (viewport.current) viewport.current.scrollTop = 0;
    setScrollTop(0);
    load(undefined, true);
  }, [JSON.stringify(query), refreshKey]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  useEffect(() => {
    if (!loading && cursor && last >= items.length - overscan) load(cursor, false);
  }, [last, items.length, cursor, loading]);

  return (
    <section className="session-list card" aria-label="Sessions">
      <div className="list-head">
        <span className="muted small" aria-live="polite">
          {total !== undefined ? `${total.toLocaleString()} conversations` : ""}{loading ? " · loading…" : ""}
        </span>
      </div>
      {error && <div className="alert alert-bad" role="alert">{error}</div>}
      {notice && <div className="alert alert-warn">{notice}</div>}
      {!loading && !error && !notice && items.length === 0 && <p className="muted">No conversations match these filters.</p>}
      <div className="list-viewport" ref={viewport} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
        <ul className="list-canvas" style={{ height: items.length * rowHeight }}>
          {items.slice(first, last).map((session, offset) => (
            <SessionRow key={session.id} session={session} selected={session.id === selected} onOpen={onOpen}
                        style={{ top: (first + offset) * rowHeight, height: rowHeight }} />
          ))}
        </ul>
      </div>
    </section>
  );
}
