// The conversation as a chat transcript, a page at a time; opening from a search hit pages until the hit shows.
import React, { useEffect, useState } from "react";
import { api, TranscriptMessage } from "../../api";
import { describeError } from "../../ui/useLoader";
import { MessageView } from "./MessageView";

export function Transcript({ sessionID, focusMessage }: { sessionID: string; focusMessage?: number }) {
  const [items, setItems] = useState<TranscriptMessage[]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [total, setTotal] = useState(0);
  const [history, setHistory] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let cancelled = false;
    const run = async () => {
      setLoading(true);
      setItems([]);
      try {
        let collected: TranscriptMessage[] = [];
        let after: string | undefined;
        let pages = 0;
        do {
          const page = await api.messages(sessionID, { cursor: after, limit: 200, visibility: history ? "history" : "live" });
          if (cancelled) return;
          collected = collected.concat(page.items);
          after = page.nextCursor;
          setTotal(page.total);
          pages += 1;
        } while (after && focusMessage !== undefined && !collected.some((message) => message.id === focusMessage) && pages < 25);
        setItems(collected);
        setCursor(after);
        setError(null);
      } catch (caught) {
        if (!cancelled) setError(describeError(caught));
      }
      if (!cancelled) setLoading(false);
    };
    run();
    return () => { cancelled = true; };
  }, [sessionID, history, focusMessage]);

  useEffect(() => {
    if (focusMessage !== undefined && !loading) document.getElementById(`m${focusMessage}`)?.scrollIntoView({ block: "center" });
  }, [loading, focusMessage]);

  const more = () => {
    setLoading(true);
    api.messages(sessionID, { cursor, limit: 200, visibility: history ? "history" : "live" }).then((page) => {
      setItems((previous) => previous.concat(page.items));
      setCursor(page.nextCursor);
      setLoading(false);
    }, (caught) => { setError(describeError(caught)); setLoading(false); });
  };

  return (
    <section className="transcript" aria-label="Transcript">
      <div className="transcript-head">
        <h3>Transcript <span className="muted small">{items.length} of {total}</span></h3>
        <label className="small"><input type="checkbox" checked={history} onChange={(event) => setHistory(event.target.checked)} /> Show compacted history</label>
      </div>
      {error && <div className="alert alert-bad" role="alert">{error}</div>}
      {items.map((message) => <MessageView key={message.id} message={message} highlighted={message.id === focusMessage} />)}
      {loading && <p className="loading">Loading messages…</p>}
      {!loading && cursor && <button type="button" className="button ghost" onClick={more}>Load more</button>}
      {!loading && !error && items.length === 0 && <p className="muted">This conversation has no messages.</p>}
    </section>
  );
}
