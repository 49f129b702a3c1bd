// Logs: the agent's log files read from the end, filtered by level, logger, session and text or /regex/,
// followed live, with older records loaded on demand across rotated files.
import { Icon } from "../../ui/Icon";
import React, { useEffect, useMemo, useReducer, useState } from "react";
import { api, LogRecord, Query } from "../../api";
import { bytes } from "../../format";
import { describeError, useLoader } from "../../ui/useLoader";
import { LogDetail } from "./LogDetail";
import { LogList } from "./LogList";
import { useLogFollow } from "./useLogFollow";
import { emptyBuffer, logBuffer } from "./logBuffer";

const levels = ["DEBUG", "INFO", "WARNING", "ERROR"];

export function LogsTab() {
  const files = useLoader(() => api.logFiles(), []);
  const [log, setLog] = useState("agent");
  const [level, setLevel] = useState("");
  // What the form shows, and what was applied (text filters apply on submit, the level and file at once).
  const [draft, setDraft] = useState({ logger: "", session: "", search: "" });
  const [applied, setApplied] = useState(draft);
  const [buffer, dispatch] = useReducer(logBuffer, emptyBuffer);
  const { records, cursor, partial, error, loading, pinned, missed } = buffer;
  const [follow, setFollow] = useState(true);
  const [selected, setSelected] = useState<LogRecord | null>(null);
  const edit = (field: keyof typeof draft) => (event: React.ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, [field]: event.target.value });

  const query: Query = useMemo(() => ({ file: log, level: level || undefined, logger: applied.logger || undefined,
    session: applied.session || undefined, q: applied.search || undefined }), [log, level, applied]);
  const key = JSON.stringify(query);

  const load = (before: string | undefined) => {
    dispatch({ type: "loading" });
    api.logs({ ...query, limit: 500, before }).then(
      (page) => dispatch({ type: "loaded", page, older: before !== undefined }),
      (caught) => dispatch({ type: "failed", message: describeError(caught) }));
  };
  useEffect(() => { setSelected(null); dispatch({ type: "reset" }); load(undefined); }, [key]);

  const streamState = useLogFollow(query, follow, (incoming) => dispatch({ type: "streamed", incoming }));

  const apply = (event: React.FormEvent) => { event.preventDefault(); setApplied(draft); setFiltersOpen(false); };
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters = [level, applied.logger, applied.session, applied.search].filter((value) => value).length;
  const logs = Array.from(new Set((files.data?.items || []).map((file) => file.log)));
  const sizes = (files.data?.items || []).filter((file) => file.log === log);
  return (
    <div className="logs">
      <form className="card filters log-filters" onSubmit={apply}>
        {/* On a phone the filters wait behind a button that says how many are set. */}
        <button type="button" className="button ghost filters-toggle" aria-expanded={filtersOpen} aria-controls="log-filter-row"
          onClick={() => setFiltersOpen(!filtersOpen)}>
          <Icon name="filter" size={15} /> Filters{activeFilters > 0 ? ` (${activeFilters})` : ""} · {log}{level ? ` · ${level}+` : ""}
        </button>
        <div className={filtersOpen ? "filter-row collapsible open" : "filter-row collapsible"} id="log-filter-row">
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
          <label>Logger prefix<input className="input" value={draft.logger} placeholder="tools., gateway" onChange={edit("logger")} /></label>
          <label>Session<input className="input" value={draft.session} placeholder="session tag" onChange={edit("session")} /></label>
          <label className="grow">Search<input className="input" type="search" value={draft.search} placeholder="text, or /regex/i"
            onChange={edit("search")} /></label>
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
            onPinnedChange={(value) => dispatch({ type: "pin", pinned: value })}
            head={<div className="log-older">
              {cursor ? <button type="button" className="button ghost" disabled={loading} onClick={() => load(cursor)}>
                {loading ? "Loading…" : partial ? "Keep searching older records" : "Load older"}</button>
                : <span className="muted small">{loading ? "Loading…" : records.length ? "Start of the oldest file." : "No records match."}</span>}
            </div>} />
          {!pinned && (
            <button type="button" className="button jump-latest" onClick={() => dispatch({ type: "pin", pinned: true })}>
              {missed ? `${missed} new — jump to latest` : "Jump to latest"}
            </button>
          )}
          <p className="muted small log-count">{records.length.toLocaleString()} records loaded{partial ? " · the scan stopped at its budget; load older to continue" : ""}</p>
        </section>
        {selected && <LogDetail record={selected} search={applied.search} onClose={() => setSelected(null)}
          onSession={(tag) => { setDraft({ ...draft, session: tag }); setApplied({ ...applied, session: tag }); }} />}
      </div>
    </div>
  );
}
