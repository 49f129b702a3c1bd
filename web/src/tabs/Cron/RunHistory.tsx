// The selected job's saved outputs, newest first, with the chosen one rendered as Markdown.
import { agentWallTime, useAgentZone } from "../../time";
import React, { useEffect, useState } from "react";
import { api, CronJob, CronRun } from "../../api";
import { Markdown } from "../../ui/Markdown";
import { bytes } from "../../format";
import { describeError, useLoader } from "../../ui/useLoader";

export function RunHistory({ job, generation }: { job: CronJob; generation: number }) {
  useAgentZone();
  const [pages, setPages] = useState<CronRun[]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setError(null);
    api.cronRuns(job.id).then((page) => {
      setPages(page.items);
      setCursor(page.nextCursor);
      setChosen((current) => current && page.items.some((run) => run.id === current) ? current : page.items[0]?.id || null);
    }, (caught) => setError(describeError(caught)));
  }, [job.id, generation]);
  const output = useLoader(() => chosen ? api.cronRun(job.id, chosen) : Promise.resolve(null), [job.id, chosen]);
  const more = () => {
    if (!cursor) return;
    api.cronRuns(job.id, cursor).then((page) => { setPages((current) => current.concat(page.items)); setCursor(page.nextCursor); },
      (caught) => setError(describeError(caught)));
  };
  return (
    <section className="card cron-runs" aria-label={`Runs of ${job.name}`}>
      <div className="card-head"><h2>Runs of {job.name}</h2><span className="muted small">cron/output/{job.id}/</span></div>
      {error && <div className="alert alert-bad" role="alert">{error}</div>}
      {pages.length === 0 ? <p className="muted">No saved runs yet.</p> : (
        <div className="cron-runs-body">
          <ul className="cron-run-list">
            {pages.map((run) => (
              <li key={run.id}>
                <button className={"chip" + (run.id === chosen ? " active" : "")} type="button" onClick={() => setChosen(run.id)}>
                  {agentWallTime(run.id)}</button>
                <span className="muted small"> {bytes(run.size)}</span>
              </li>
            ))}
            {cursor && <li><button className="button ghost small-button" type="button" onClick={more}>Older runs</button></li>}
          </ul>
          <div className="cron-run-output" aria-label="Run output">
            {output.error ? <div className="alert alert-bad">{output.error}</div>
              : output.data ? <>
                {output.data.truncated && chosen && (
                  <div className="alert alert-warn" role="status">This output is {bytes(output.data.sizeBytes)}; the first MiB is shown.{" "}
                    <a href={api.cronRunDownloadURL(job.id, chosen)} download>Download the whole output</a></div>
                )}
                <Markdown source={output.data.text} />
              </> : <p className="loading">Loading…</p>}
          </div>
        </div>
      )}
    </section>
  );
}
