// One pending request: what, where, why, time left, and the decision buttons.
import React, { useEffect, useState } from "react";
import { api, Approval, basePath } from "../../api";
import { duration } from "../../format";
import { describeError } from "../../ui/useLoader";

export function PendingApproval({ request, onDecided, onError }: { request: Approval; onDecided: (request: Approval) => void; onError: (message: string) => void }) {
  const [now, setNow] = useState(Date.now());
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const left = Math.max(0, (new Date(request.expiresAt).getTime() - now) / 1000);
  const act = (work: Promise<Approval>) => {
    setBusy(true);
    work.then(onDecided, (caught) => onError(describeError(caught))).finally(() => setBusy(false));
  };
  return (
    <li className="approval" data-approval={request.id}>
      <div className="approval-head">
        <strong>{request.tool}</strong>
        {request.platform && <span className="badge badge-neutral">{request.platform}</span>}
        {request.sessionID && <a className="small" href={`${basePath}/sessions/${encodeURIComponent(request.sessionID)}`}>session {request.sessionID}</a>}
        <span className={"small " + (left < 15 ? "field-error" : "muted")}>{left > 0 ? `${duration(Math.ceil(left))} left` : "expiring…"}</span>
      </div>
      <pre className="approval-action">{request.action}</pre>
      {request.workdir && <div className="muted small">in {request.workdir}</div>}
      {request.reason && <div className="small">Why: {request.reason}</div>}
      {request.risks.length > 0 && <div className="small field-error">Risk: {request.risks.join(", ")}</div>}
      <div className="approval-actions">
        <button className="button" type="button" disabled={busy} onClick={() => act(api.approve(request.id, "once"))}>Approve once</button>
        <button className="button ghost" type="button" disabled={busy} onClick={() => act(api.approve(request.id, "session"))}>For this session</button>
        <button className="button ghost" type="button" disabled={busy} onClick={() => act(api.approve(request.id, "always"))}>Always</button>
        <input className="input" aria-label="Reason for denying" placeholder="Reason (optional)" value={reason} onChange={(event) => setReason(event.target.value)} />
        <button className="button danger" type="button" disabled={busy} onClick={() => act(api.deny(request.id, reason))}>Deny</button>
      </div>
    </li>
  );
}
