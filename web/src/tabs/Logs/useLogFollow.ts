// Follows a log over /logs/stream while `enabled`: opened with a fresh ticket each time, resumed after the last
// record received, so a dropped connection neither loses nor repeats lines.
import { useEffect, useRef, useState } from "react";
import { api, LogRecord, Query } from "../../api";

export function useLogFollow(query: Query, enabled: boolean, onRecords: (records: LogRecord[]) => void): "off" | "live" | "reconnecting" {
  const [state, setState] = useState<"off" | "live" | "reconnecting">("off");
  const handler = useRef(onRecords);
  handler.current = onRecords;
  const key = JSON.stringify(query);
  useEffect(() => {
    if (!enabled) { setState("off"); return; }
    let closed = false;
    let source: EventSource | null = null;
    let lastId = "";
    let timer = 0;
    let batch: LogRecord[] = [];
    let flush = 0;
    const open = async () => {
      try {
        const { ticket } = await api.eventTicket();
        if (closed) return;
        source = new EventSource(api.logStreamURL(lastId ? { ...query, lastEventID: lastId } : query, ticket));
        source.onopen = () => setState("live");
        source.addEventListener("record", (message) => {
          const event = message as MessageEvent;
          lastId = event.lastEventId || lastId;
          batch.push(JSON.parse(event.data));
          if (!flush) flush = window.setTimeout(() => { flush = 0; const records = batch; batch = []; handler.current(records); }, 50);
        });
        source.onerror = () => { source?.close(); source = null; if (!closed) { setState("reconnecting"); timer = window.setTimeout(open, 2000); } };
      } catch {
        if (!closed) { setState("reconnecting"); timer = window.setTimeout(open, 3000); }
      }
    };
    open();
    return () => { closed = true; source?.close(); window.clearTimeout(timer); window.clearTimeout(flush); };
  }, [key, enabled]);
  return state;
}
