// Every profile's cron jobs in one list (GET /machine/cron/jobs), for a machine with more than one profile; a row
// opens that profile's Cron tab.
import React from "react";
import { api } from "../../api";
import { navigate } from "../../router";
import { searchWithProfile, useProfile } from "../../profile";
import { Badge } from "../../ui/Badge";
import { useLoader } from "../../ui/useLoader";

export function AllProfilesJobs({ generation }: { generation: number }) {
  const current = useProfile();
  const all = useLoader(() => api.machineCronJobs(), [generation]);
  const items = all.data?.items || [];
  const profiles = new Set(items.map((item) => item.profile));
  if (!all.data || (profiles.size <= 1 && current === "default" && all.data.warnings.length === 0)) return null;
  return (
    <section className="card" aria-label="Jobs of every profile">
      <div className="card-head"><h2>Every profile's jobs</h2><span className="muted small">{items.length} job{items.length === 1 ? "" : "s"} in {profiles.size} profile{profiles.size === 1 ? "" : "s"}</span></div>
      <ul className="all-profile-jobs">
        {items.map((item) => (
          <li key={item.profile + "/" + item.job.id} className={item.profile === current ? "current" : ""}>
            <a href="#" onClick={(event) => { event.preventDefault(); navigate("/cron" + searchWithProfile("", item.profile)); }}>
              <Badge tone={item.profile === current ? "good" : "neutral"}>{item.profile}</Badge> {item.job.name}
            </a>
            <span className="muted small">{item.job.schedule}</span>
            <Badge tone={item.job.status === "failed" ? "bad" : item.job.status === "paused" ? "warn" : "neutral"}>{item.job.status}</Badge>
          </li>
        ))}
      </ul>
      {all.data.warnings.map((warning) => <p key={warning} className="alert alert-warn small">{warning}</p>)}
    </section>
  );
}
