// Analytics: usage over time from the stored counters (no network), by model and platform, and the top sessions.
import React, { useMemo, useState } from "react";
import { api, Query } from "../../api";
import { compact, usd } from "../../format";
import { StackedBarChart } from "../../ui/charts/StackedBarChart";
import { useLoader } from "../../ui/useLoader";
import { Breakdowns } from "./Breakdowns";
import { presets, Range, RangePicker } from "./RangePicker";
import { TopSessions } from "./TopSessions";

const tokenSeries = [
  { key: "input", label: "Input", color: "var(--series-1)" },
  { key: "output", label: "Output", color: "var(--series-2)" },
  { key: "cacheRead", label: "Cache read", color: "var(--series-3)" },
  { key: "cacheWrite", label: "Cache write", color: "var(--series-4)" },
  { key: "auxiliary", label: "Auxiliary tasks", color: "var(--series-5)" },
];
const costSeries = [
  { key: "main", label: "Agent loop (estimated)", color: "var(--series-1)" },
  { key: "auxiliary", label: "Auxiliary tasks (estimated)", color: "var(--series-5)" },
];

function today(): string { return new Date().toISOString().slice(0, 10); }

export function AnalyticsTab() {
  const [range, setRange] = useState<Range>({ preset: "30d", from: today(), to: today(), bucket: "day" });
  const query: Query = useMemo(() => {
    const preset = presets.find(([label]) => label === range.preset);
    return preset ? { days: preset[1], bucket: range.bucket } : { from: range.from, to: range.to, bucket: range.bucket };
  }, [range]);
  const key = JSON.stringify(query);
  const usage = useLoader(() => api.usage(query), [key]);
  const report = usage.data;
  const totals = report?.totals;
  const tokens = (report?.buckets || []).map((bucket) => ({
    label: bucket.label,
    values: { ...bucket.usage.tokens, auxiliary: bucket.usage.auxiliary.tokens.total } as Record<string, number>,
  }));
  const costs = (report?.buckets || []).map((bucket) => ({
    label: bucket.label, values: { main: bucket.usage.cost.estimatedUSD, auxiliary: bucket.usage.auxiliary.cost.estimatedUSD },
  }));
  return (
    <div className="analytics">
      <RangePicker range={range} onChange={setRange} timeZone={report?.window.timeZone} />
      {usage.error && <div className="alert alert-bad" role="alert">{usage.error}</div>}
      {report?.notice && <div className="alert alert-warn">{report.notice}</div>}
      {totals && (
        <div className="stat-cards">
          <div className="card stat"><span className="stat-label">Tokens</span><span className="stat-value">{compact(totals.tokens.total + totals.auxiliary.tokens.total)}</span>
            <span className="muted small">{compact(totals.auxiliary.tokens.total)} in auxiliary tasks</span></div>
          <div className="card stat"><span className="stat-label">Estimated cost</span><span className="stat-value">{usd(totals.cost.estimatedUSD + totals.auxiliary.cost.estimatedUSD)}</span>
            <span className="muted small">the agent's estimate from its price tables</span></div>
          <div className="card stat"><span className="stat-label">Provider-reported cost</span>
            <span className="stat-value">{totals.cost.actualUSD !== undefined ? usd(totals.cost.actualUSD) : "—"}</span>
            <span className="muted small">for {totals.sessionsWithActualCost} of {totals.sessions} sessions</span></div>
          <div className="card stat"><span className="stat-label">Sessions</span><span className="stat-value">{totals.sessions.toLocaleString()}</span>
            <span className="muted small">{totals.messages.toLocaleString()} messages · {totals.toolCalls.toLocaleString()} tool calls</span></div>
        </div>
      )}
      {report && (
        <div className="card charts">
          <StackedBarChart title="Tokens per bucket" series={tokenSeries} data={tokens} format={compact} />
          <StackedBarChart title="Estimated cost per bucket" series={costSeries} data={costs} format={usd} />
          <p className="muted small">Sessions count in the bucket where they started. Auxiliary tasks (compression, titles, vision…) are the agent's
            side calls recorded in session_model_usage; they are shown apart, never hidden.</p>
        </div>
      )}
      <Breakdowns query={query} queryKey={key} />
      <TopSessions query={query} queryKey={key} />
    </div>
  );
}
