// Logs: the agent's log files read from the end, filtered by level, logger, session and text or /regex/,
// followed live, with older records loaded on demand across rotated files.
import React, { useEffect, useMemo, useState } from "react";
import { api, LogRecord, Query } from "../../api";
import { bytes } from "../../format";
import { describeError, useLoader } from "../../ui/useLoader";
import { LogDetail } from "./LogDetail";
import { LogList } from "./LogList";
import { useLogFollow } from "./useLogFollow";

const levels = ["DEBUG", "INFO", "WARNING", "ERROR"];
const maximumKept = 100000;

export function LogsTab() {
  const files = useLoader(() => api.logFiles(), []);
  const [log, setLog] = useState("agent");
  const [level, setLevel] = useState("");
  const [logger, setLogger] = useState("");
  const [session, setSession] = useState("");
  const [search, setSearch] = useState("");
  const [applied, setApplied] = useState({ logger: "", session: "", search: "" });
  const [records, setRecords] = useState<LogRecord[]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [partial, setPartial] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [follow, setFollow] = useState(true);
  const [pinned, setPinned] = useState(true);
  const [missed, setMissed] = useState(0);
  const [selected, setSelected] = useState<LogRecord | null>(null);

  const query: Query = useMemo(() => ({ file: log, level: level || undefined, logger: applied.logger || undefined,
    session: applied.session || undefined, q: applied.search || undefined }), [log, level, applied]);
  const key = JSON.stringify(query);

  const load = (before: string | undefined) => {
    setLoading(true);
    api.logs({ ...query, limit: 500, before }).then((page) => {
      setRecords((previous) => before ? page.items.concat(previous) : page.items);
      setCursor(page.nextCursor ?? undefined); setPartial(page.partial); setError(null);
    }, (caught) => setError(describeError(caught))).finally(() => setLoading(false));
  };
  useEffect(() => { setSelected(null); setPinned(true); setMissed(0); load(undefined); }, [key]);

  const streamState = useLogFollow(query, follow, (incoming) => {
    setRecords((previous) => {
      const known = new Set(previous.slice(-incoming.length - 50).map((record) => record.id));
      const fresh = incoming.filter((record) => !known.has(record.id));
      const next = previous.concat(fresh);
      return next.length > maximumKept ? next.slice(next.length - maximumKept) : next;
    });
    if (!pinned) setMissed((count) => count + incoming.length);
  });

  const apply = (event: React.FormEvent) => { event.preventDefault(); setApplied({ logger, session, search }); };
  const logs = Array.from(new Set((files.data?.items || []).map((file) => file.log)));
  const sizes = (files.data?.items || []).filter((file) => file.log === log);
  return (
    <div className="logs">
      <form className="card filters log-filters" onSubmit={apply}>
        <div className="filter-row">
          <label>Log
            <select className="select" value={log} onChange={(event) => setLog(event.target.value)} aria-label="Log file">
              {(logs.length ? logs : ["agent"]).map((name) => <option key={name} value={name}>{name}</option>)}
            </select>
          </label>
          <div className="chips" role="group" aria-label="Minimum level">
            <button type="button" className={level === "" ? "chip active" : "chip"} onClick={() => setLevel("")}>All</button>
            {levels.map((name) => (
              <button key={name} type="button" className={`chip level-${name.toLowerCase()}${level === name ? " active" : ""}`}
                aria-pressed={level === name} onClick={() => setLevel(name)}>{name}+</button>
            ))}
          </div>
          <label>Logger prefix<input className="input" value={logger} placeholder="tools., gateway" onChange={(event) => setLogger(event.target.value)} /></label>
          <label>Session<input className="input" value={session} placeholder="session tag" onChange={(event) => setSession(event.target.value)} /></label>
          <label className="grow">Search<input className="input" type="search" value={search} placeholder="text, or /regex/i"
            onChange={(event) => setSearch(event.target.value)} /></label>
          <button type="submit" className="button">Apply</button>
          <label className="follow-toggle"><input type="checkbox" checked={follow} onChange={(event) => setFollow(event.target.checked)} /> Follow
            <span className={`badge ${streamState === "live" ? "badge-good" : streamState === "off" ? "badge-neutral" : "badge-warn"}`}>{streamState}</span></label>
        </div>
        <p className="muted small">{sizes.map((file) => `${file.name} ${bytes(file.size)}`).join(" · ") || "No files for this log yet."}
          {" "}Times are the server's local time, as the agent writes them.</p>
      </form>
      {error && <div className="alert alert-bad" role="alert">{error}</div>}
      <div className={selected ? "logs-layout with-detail" : "logs-layout"}>
        <section className="card log-panel">
          <LogList records={records} search={applied.search} selected={selected?.id || null} onSelect={setSelected} pinned={pinned}
            onPinnedChange={(value) => { setPinned(value); if (value) setMissed(0); }}
            head={<div className="log-older">
              {cursor ? <button type="button" className="button ghost" disabled={loading} onClick={() => load(cursor)}>
                {loading ? "Loading…" : partial ? "Keep searching older records" : "Load older"}</button>
                : <span className="muted small">{loading ? "Loading…" : records.length ? "Start of the oldest file." : "No records match."}</span>}
            </div>} />
          {!pinned && (
            <button type="button" className="button jump-latest" onClick={() => { setPinned(true); setMissed(0); }}>
              {missed ? `${missed} new — jump to latest` : "Jump to latest"}
            </button>
          )}
          <p className="muted small log-count">{records.length.toLocaleString()} records loaded{partial ? " · the scan stopped at its budget; load older to continue" : ""}</p>
        </section>
        {selected && <LogDetail record={selected} search={applied.search} onClose={() => setSelected(null)}
          onSession={(tag) => { setSession(tag); setApplied({ ...applied, session: tag }); }} />}
      </div>
    </div>
  );
}
