import React from "react";
import { HostStats } from "../../api";
import { Meter } from "../../ui/Meter";
import { bytes, duration } from "../../format";

export function HostCard({ host }: { host: HostStats }) {
  return (
    <section className="card" aria-labelledby="host-title">
      <div className="card-head">
        <h2 id="host-title">Host</h2>
        <span className="muted small">{host.hostname}</span>
      </div>
      <dl className="facts">
        <dt>System</dt><dd>{host.operatingSystem} · {host.architecture}</dd>
        <dt>CPUs</dt><dd>{host.cpuCount}</dd>
        <dt>Load</dt><dd>{host.loadAverage.map((value) => value.toFixed(2)).join(" · ") || "—"}</dd>
        <dt>Uptime</dt><dd>{duration(host.uptimeSeconds)}</dd>
      </dl>
      {host.memory && (
        <div className="usage">
          <div className="usage-label"><span>Memory</span><span>{bytes(host.memory.usedBytes)} of {bytes(host.memory.totalBytes)} ({host.memory.usedPercent}%)</span></div>
          <Meter percent={host.memory.usedPercent} label="Memory used" />
        </div>
      )}
      {host.disk && (
        <div className="usage">
          <div className="usage-label"><span>Disk (home)</span><span>{bytes(host.disk.availableBytes)} free of {bytes(host.disk.totalBytes)} ({host.disk.usedPercent}%)</span></div>
          <Meter percent={host.disk.usedPercent} label="Disk used" />
        </div>
      )}
    </section>
  );
}
