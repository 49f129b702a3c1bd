// Audit: every change made (or refused) through the workspace, newest first, under the name and role of whoever
// made it — filtered by person and by kind of action.
import React, { useEffect, useState } from "react";
import { api, AuditEvent } from "../../api";
import { relativeTime } from "../../format";
import { describeError } from "../../ui/useLoader";

const kinds = [
  ["", "Everything"], ["auth.", "Sign-ins"], ["approvals.", "Approvals"], ["config.", "Config"], ["keys.", "API keys"], ["cron.", "Cron"],
  ["skills.", "Skills"], ["sessions.", "Sessions"], ["users.", "Users"], ["account.", "Accounts"], ["gateway.", "Gateway"],
  ["webhooks.", "Webhooks"], ["memory.", "Memory"], ["profiles.", "Profiles"],
] as const;

export function AuditTab() {
  const [actor, setActor] = useState("");
  const [applied, setApplied] = useState("");
  const [kind, setKind] = useState("");
  const [items, setItems] = useState<AuditEvent[]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const load = (after?: string) => {
    setLoading(true);
    api.audit({ actor: applied || undefined, action: kind || undefined, cursor: after, limit: 50 }).then((page) => {
      setItems((previous) => (after ? previous.concat(page.items) : page.items));
      setCursor(page.nextCursor);
      setError(null);
      setLoading(false);
    }, (caught) => { setError(describeError(caught)); setLoading(false); });
  };
  useEffect(() => { load(); }, [applied, kind]);
  return (
    <div className="audit">
      <form className="config-toolbar" role="search" onSubmit={(event) => { event.preventDefault(); setApplied(actor.trim()); }}>
        <label className="field-inline">Person <input className="input" id="audit-actor" value={actor} onChange={(event) => setActor(event.target.value)}
          placeholder="account or token:name" /></label>
        <label className="field-inline">Kind <select className="input" value={kind} onChange={(event) => setKind(event.target.value)} aria-label="Kind of action">
          {kinds.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select></label>
        <button className="button" type="submit">Filter</button>
        {applied && <button className="button ghost" type="button" onClick={() => { setActor(""); setApplied(""); }}>Everyone</button>}
      </form>
      {error && <div className="alert alert-bad" role="alert">{error}</div>}
      {!loading && items.length === 0 && !error && <p className="card muted">Nothing recorded{applied ? ` for ${applied}` : ""}.</p>}
      <ul className="audit-list">
        {items.map((item) => (
          <li key={item.id} className={`audit-row outcome-${item.outcome}`} data-audit={item.action}>
            <span className="audit-when" title={new Date(item.at).toLocaleString()}>{relativeTime(item.at)}</span>
            <span className="audit-who"><strong>{item.actor}</strong>{item.role && <span className="muted small"> · {item.role}</span>}</span>
            <span className="audit-what"><code>{item.action}</code> <span className="audit-target">{item.target}</span>
              {item.summary && <span className="muted small"> — {item.summary}</span>}</span>
            {item.outcome !== "ok" && <span className={`badge ${item.outcome === "refused" || item.outcome === "failed" ? "badge-bad" : "badge-warn"}`}>{item.outcome}</span>}
          </li>
        ))}
      </ul>
      {cursor && <button type="button" className="button ghost" disabled={loading} onClick={() => load(cursor)}>Older</button>}
    </div>
  );
}
