// "Is anything wrong?" — the first thing on Status: approvals waiting, failed or overdue cron jobs, platforms in
// error, errors logged in the last hour, a stalled cron ticker, and today's conversations and spend. Each links to
// the tab that deals with it; a clean bill of health says so.
import React from "react";
import { api, WorkspaceStatus } from "../../api";
import { usd } from "../../format";
import { useProfile } from "../../profile";
import { hrefFor, navigate } from "../../router";
import { useLoader } from "../../ui/useLoader";

type Item = { tone: "bad" | "warn" | "neutral"; text: string; path: string; testID: string };

export function AttentionStrip({ status, nudge }: { status: WorkspaceStatus; nudge: number }) {
  const profile = useProfile();
  // This profile's row only: the whole machine's list reads every profile's files.
  const row = useLoader(() => api.profile(profile), [profile, nudge]);
  const today = useLoader(() => api.usage({ days: 1 }), [profile, nudge]);
  const errors = useLoader(() => api.logs({ file: "agent", level: "ERROR", limit: 200 }), [profile, nudge]);
  const hourAgo = Date.now() - 3600_000;
  const recentErrors = (errors.data?.items || []).filter((record) => record.time && new Date(record.time).getTime() >= hourAgo).length;
  const gateway = status.gateway;
  const alive = gateway.liveness === "running" || gateway.liveness === "running-elsewhere";
  const badPlatforms = alive ? gateway.platforms.filter((platform) => !platform.healthy) : [];
  const items: Item[] = [];
  const summary = row.data;
  if (summary && summary.pendingApprovals > 0) {
    items.push({ tone: "warn", text: `${summary.pendingApprovals} approval${summary.pendingApprovals === 1 ? "" : "s"} waiting`, path: "/approvals", testID: "attention-approvals" });
  }
  if (summary && summary.cron.failed > 0) items.push({ tone: "bad", text: `${summary.cron.failed} cron job${summary.cron.failed === 1 ? "" : "s"} failed`, path: "/cron", testID: "attention-cron-failed" });
  if (summary && summary.cron.due > 0) items.push({ tone: "warn", text: `${summary.cron.due} cron job${summary.cron.due === 1 ? "" : "s"} overdue`, path: "/cron", testID: "attention-cron-due" });
  if (badPlatforms.length > 0) items.push({ tone: "bad", text: `${badPlatforms.map((platform) => platform.name).join(", ")} in error`, path: "/status", testID: "attention-platforms" });
  if (!alive) items.push({ tone: gateway.liveness === "stale-pid" ? "bad" : "warn", text: "gateway not running", path: "/status", testID: "attention-gateway" });
  if (alive && gateway.cronTicker.stale) items.push({ tone: "warn", text: "cron ticker stalled", path: "/cron", testID: "attention-ticker" });
  if (gateway.restartNeeded) items.push({ tone: "warn", text: "restart needed", path: "/status", testID: "attention-restart" });
  if (recentErrors > 0) items.push({ tone: "bad", text: `${recentErrors}${recentErrors >= 200 ? "+" : ""} error${recentErrors === 1 ? "" : "s"} logged in the last hour`, path: "/logs?level=ERROR", testID: "attention-errors" });
  const totals = today.data?.totals;
  return (
    <section className="attention" aria-label="What needs attention" data-testid="attention">
      {items.length === 0
        ? <span className="attention-item attention-good" data-testid="attention-clear">Nothing needs attention</span>
        : items.map((item) => (
          <a key={item.testID} className={`attention-item attention-${item.tone}`} data-testid={item.testID} href={hrefFor(item.path)}
            onClick={(event) => { event.preventDefault(); navigate(item.path); }}>{item.text}</a>
        ))}
      {totals && (
        <a className="attention-item attention-neutral" href={hrefFor("/analytics")} onClick={(event) => { event.preventDefault(); navigate("/analytics"); }}>
          Today: {totals.conversations} conversation{totals.conversations === 1 ? "" : "s"} · {usd(totals.cost.actualUSD ?? totals.cost.estimatedUSD)}
        </a>
      )}
    </section>
  );
}
