// One record on one line: time, level, session, logger, message with the search highlighted; "+N lines" marks a traceback.
import React from "react";
import { LogRecord } from "../../api";

export function highlight(text: string, search: string): any {
  if (!search) return text;
  let pattern: RegExp;
  try {
    const regex = /^\/(.*)\/(i?)$/.exec(search);
    pattern = regex ? new RegExp(regex[1], regex[2] + "g") : new RegExp(search.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi");
  } catch { return text; }
  const parts: any[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index === undefined || match[0] === "") break;
    parts.push(text.slice(last, match.index), <mark key={match.index}>{match[0]}</mark>);
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

export function LogRow({ record, search, selected, onSelect, style }: {
  record: LogRecord; search: string; selected: boolean; onSelect: (record: LogRecord) => void; style: any;
}) {
  const level = (record.level || "raw").toLowerCase();
  return (
    <li className={`log-row level-${level}${selected ? " selected" : ""}`} style={style} data-testid="log-row">
      <button type="button" onClick={() => onSelect(record)} title="Show the whole record">
        <span className="log-time">{record.localTime ? record.localTime.slice(5) : "—"}</span>
        <span className={`log-level level-${level}`}>{record.level || "RAW"}</span>
        {record.session && <span className="log-session">[{record.session}]</span>}
        {record.logger && <span className="log-logger">{record.logger}</span>}
        <span className="log-message">{highlight(record.message, search)}</span>
        {record.continuation.length > 0 && <span className="log-more">+{record.continuation.length} lines</span>}
      </button>
    </li>
  );
}
