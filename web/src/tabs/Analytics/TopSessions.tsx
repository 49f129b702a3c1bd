import { When } from "../../ui/When";
import React, { useState } from "react";
import { api, Query } from "../../api";
import {compact, usd } from "../../format";
import { navigate, hrefFor } from "../../router";
import { useLoader } from "../../ui/useLoader";
import { sessionLabel } from "../Sessions/SessionRow";

export function TopSessions({ query, queryKey }: { query: Query; queryKey: string }) {
  const [by, setBy] = useState<"cost" | "tokens">("cost");
  const top = useLoader(() => api.topSessions({ ...query, by, limit: 10 }), [queryKey, by]);
  return (
    <section className="card top-sessions">
      <div className="card-head">
        <h2>Top sessions</h2>
        <label className="small">By <select className="select" value={by} onChange={(event) => setBy(event.target.value as "cost" | "tokens")}>
          <option value="cost">Cost</option><option value="tokens">Tokens</option>
        </select></label>
      </div>
      {top.error && <div className="alert alert-bad">{top.error}</div>}
      <ol className="top-list">
        {(top.data?.sessions || []).map((session) => (
          <li key={session.id}>
            <a href={hrefFor(`/sessions/${encodeURIComponent(session.id)}`)} onClick={(event) => { event.preventDefault(); navigate(`/sessions/${encodeURIComponent(session.id)}`); }}>{sessionLabel(session)}</a>
            <span className="muted small"> {session.platform} · <When iso={session.startedAt} /> · {compact(session.tokens.total)} tokens · {usd(session.cost.actualUSD ?? session.cost.estimatedUSD)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
