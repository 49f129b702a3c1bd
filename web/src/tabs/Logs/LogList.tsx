// The virtualized record list: one fixed-height row per record (only those in view are in the DOM), pinned to the
// bottom while following, and left alone once the reader scrolls up.
import React, { useLayoutEffect, useRef, useState } from "react";
import { LogRecord } from "../../api";
import { useViewportHeight } from "../../ui/useViewportHeight";
import { LogRow } from "./LogRow";

const rowHeight = 24;
const overscan = 20;

export function LogList({ records, search, selected, onSelect, pinned, onPinnedChange, head }: {
  records: LogRecord[]; search: string; selected: string | null; onSelect: (record: LogRecord) => void;
  pinned: boolean; onPinnedChange: (pinned: boolean) => void; head: any;
}) {
  const viewport = useRef<HTMLDivElement | null>(null);
  const height = useViewportHeight(viewport);
  const [scrollTop, setScrollTop] = useState(0);
  const previousCount = useRef(0);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    if (pinned) element.scrollTop = element.scrollHeight;
    else if (records.length > previousCount.current && element.scrollTop === 0 && previousCount.current > 0) {
      // Older records were put on top: keep the reader's place.
      element.scrollTop = (records.length - previousCount.current) * rowHeight;
    }
    previousCount.current = records.length;
    setScrollTop(element.scrollTop);
  }, [records, pinned]);

  const onScroll = (event: React.UIEvent<HTMLDivElement>) => {
    const element = event.currentTarget;
    setScrollTop(element.scrollTop);
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < rowHeight * 2;
    if (atBottom !== pinned) onPinnedChange(atBottom);
  };

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(records.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  return (
    <div className="log-viewport" ref={viewport} onScroll={onScroll} role="log" aria-label="Log records">
      {head}
      <ul className="log-canvas" style={{ height: records.length * rowHeight }}>
        {records.slice(first, last).map((record, offset) => (
          <LogRow key={record.id + ":" + (first + offset)} record={record} search={search} selected={record.id === selected} onSelect={onSelect}
            style={{ top: (first + offset) * rowHeight, height: rowHeight }} />
        ))}
      </ul>
    </div>
  );
}
