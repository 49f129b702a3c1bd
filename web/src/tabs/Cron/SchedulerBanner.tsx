// Who runs the jobs: the gateway's ticker (with its heartbeat) or this workspace, and any warning about it.
import React from "react";
import { CronScheduler } from "../../api";
import { duration, relativeTime } from "../../format";

export function SchedulerBanner({ scheduler }: { scheduler: CronScheduler }) {
  const { state, ticker, warnings } = scheduler;
  const heartbeat = ticker.heartbeatAgeSeconds === undefined ? "no heartbeat" : `heartbeat ${duration(ticker.heartbeatAgeSeconds)} ago`;
  const who = state.mode === "local"
    ? (state.active ? `This workspace runs the jobs (${state.executor}).` : "This workspace is set to run the jobs but is standing by.")
    : `The gateway's ticker runs the jobs (${heartbeat}${ticker.stale ? ", stale" : ""}).`;
  return (
    <div className="cron-banner" aria-label="Scheduler">
      <p className="small"><strong>Scheduler:</strong> {who}
        {state.mode === "local" && state.nextWakeAt && <span className="muted"> Next look {relativeTime(state.nextWakeAt)}.</span>}
      </p>
      {warnings.map((warning) => <div key={warning} className="alert alert-warn" role="alert">{warning}</div>)}
    </div>
  );
}
