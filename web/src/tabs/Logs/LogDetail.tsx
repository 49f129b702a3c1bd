// The whole record: its header facts and every continuation line (a traceback), with copy.
import React, { useState } from "react";
import { LogRecord } from "../../api";
import { highlight } from "./LogRow";

export function recordText(record: LogRecord): string {
  const head = record.raw ? record.message
    : `${record.localTime} ${record.level}${record.session ? ` [${record.session}]` : ""} ${record.logger}: ${record.message}`;
  return [head, ...record.continuation].join("\n");
}

export function LogDetail({ record, search, onClose, onSession }: {
  record: LogRecord; search: string; onClose: () => void; onSession: (session: string) => void;
}) {
  const [copied, setCopied] = useState(false);
  const copy = () => navigator.clipboard.writeText(recordText(record)).then(() => { setCopied(true); window.setTimeout(() => setCopied(false), 1500); });
  return (
    <section className="card log-detail" aria-label="Log record">
      <div className="card-head">
        <h2>{record.level || "Raw line"} · {record.logger || record.file}</h2>
        <div className="detail-actions">
          {record.session && <button type="button" className="button ghost" onClick={() => onSession(record.session!)}>Only this session</button>}
          <button type="button" className="button ghost" onClick={copy}>{copied ? "Copied" : "Copy"}</button>
          <button type="button" className="button ghost" onClick={onClose} aria-label="Close">✕</button>
        </div>
      </div>
      <p className="muted small">{record.localTime || "no timestamp"} (server time) · {record.file} · position {record.id}</p>
      <pre className="code-block log-full">{highlight(recordText(record), search)}</pre>
    </section>
  );
}
