import { StackedTable } from "../../ui/StackedTable";
import React from "react";
import { api, Query } from "../../api";
import { compact, usd } from "../../format";
import { useLoader } from "../../ui/useLoader";

function Share({ value, total }: { value: number; total: number }) {
  const percent = total > 0 ? (value / total) * 100 : 0;
  return <span className="share" title={`${percent.toFixed(1)}%`}><span className="share-fill" style={{ width: `${percent}%` }} /></span>;
}

export function Breakdowns({ query, queryKey }: { query: Query; queryKey: string }) {
  const models = useLoader(() => api.models(query), [queryKey]);
  const platforms = useLoader(() => api.platforms(query), [queryKey]);
  const modelTotal = (models.data?.models || []).reduce((sum, row) => sum + row.tokens.total, 0);
  const platformTotal = (platforms.data?.platforms || []).reduce((sum, row) => sum + row.usage.tokens.total + row.usage.auxiliary.tokens.total, 0);
  return (
    <div className="grid breakdowns">
      <section className="card">
        <h2>By model</h2>
        {models.error && <div className="alert alert-bad">{models.error}</div>}
        <StackedTable>
          <thead><tr><th scope="col">Model</th><th scope="col">Sessions</th><th scope="col">Tokens</th><th scope="col">Cost</th><th scope="col"><span className="visually-hidden">Share</span></th></tr></thead>
          <tbody>
            {(models.data?.models || []).map((row) => (
              <tr key={`${row.model}|${row.provider}|${row.task || ""}`}>
                <td>{row.model}{row.provider && <span className="muted small"> · {row.provider}</span>}
                  {row.isAuxiliary && <span className="badge badge-neutral">auxiliary: {row.task}</span>}</td>
                <td>{row.sessions}</td>
                <td>{compact(row.tokens.total)}</td>
                <td>{usd(row.cost.estimatedUSD)}{row.cost.actualUSD !== undefined && <span className="muted small"> ({usd(row.cost.actualUSD)} reported)</span>}</td>
                <td><Share value={row.tokens.total} total={modelTotal} /></td>
              </tr>
            ))}
          </tbody>
        </StackedTable>
      </section>
      <section className="card">
        <h2>By platform</h2>
        {platforms.error && <div className="alert alert-bad">{platforms.error}</div>}
        <StackedTable>
          <thead><tr><th scope="col">Platform</th><th scope="col">Sessions</th><th scope="col">Messages</th><th scope="col">Tokens</th><th scope="col">Cost</th><th scope="col"><span className="visually-hidden">Share</span></th></tr></thead>
          <tbody>
            {(platforms.data?.platforms || []).map((row) => {
              const tokens = row.usage.tokens.total + row.usage.auxiliary.tokens.total;
              return (
                <tr key={row.platform}>
                  <td>{row.platform}</td><td>{row.usage.sessions}</td><td>{row.usage.messages.toLocaleString()}</td>
                  <td>{compact(tokens)}</td><td>{usd(row.usage.cost.estimatedUSD + row.usage.auxiliary.cost.estimatedUSD)}</td>
                  <td><Share value={tokens} total={platformTotal} /></td>
                </tr>
              );
            })}
          </tbody>
        </StackedTable>
      </section>
    </div>
  );
}
