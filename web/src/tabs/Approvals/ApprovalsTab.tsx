// Approvals: pending requests first (pushed live), each approvable once / for the session / always, or deniable with
// a reason; then the history and the "always" rules.
import { When } from "../../ui/When";
import { StackedTable } from "../../ui/StackedTable";
import React, { useEffect, useState } from "react";
import { api, Approval, StagedWriteItem } from "../../api";
import { useConnectionState, useEvent } from "../../events";
import { Badge } from "../../ui/Badge";
import { dateTime, relativeTime } from "../../format";
import { describeError, useLoader } from "../../ui/useLoader";
import { PendingApproval } from "./PendingApproval";
import { PairingCard } from "./PairingCard";
import { noticesSupported, noticesWanted, turnNoticesOff, turnNoticesOn } from "../../ui/approvalNotices";
import { VisibleText } from "../../ui/VisibleText";

const tones = { pending: "warn", approved: "good", denied: "bad", expired: "neutral" } as const;

/// The title of the session a request came from, when its profile's state.db knows it.
function titleOf(titles: { [profile: string]: { [session: string]: string } } | undefined, request: Approval): string | undefined {
  return request.sessionID ? titles?.[request.profile || "default"]?.[request.sessionID] : undefined;
}

export function ApprovalsTab() {
  const [generation, setGeneration] = useState(0);
  const reload = () => setGeneration((value) => value + 1);
  const pending = useLoader(() => api.approvals("pending"), [generation]);
  const history = useLoader(() => api.approvals("all"), [generation]);
  const rules = useLoader(() => api.approvalRules(), [generation]);
  const staged = useLoader(() => api.stagedWrites(), [generation]);
  const pairing = useLoader(() => api.pairing(), [generation]);
  const [error, setError] = useState<string | null>(null);
  const [notices, setNotices] = useState(noticesWanted());
  const [notice, setNotice] = useState<string | null>(null);
  useEvent("approvals.changed", reload, []);
  useEvent("reset", reload, []);
  // While the event stream is down, new requests would otherwise wait unseen until they expire: poll instead.
  const connection = useConnectionState();
  useEffect(() => {
    if (connection === "live") return;
    const timer = window.setInterval(reload, 5000);
    return () => window.clearInterval(timer);
  }, [connection]);

  const decided = (request: Approval) => {
    setNotice(`${request.status === "approved" ? "Approved" : "Denied"}: ${request.action.slice(0, 80)}`);
    reload();
  };
  const decideStaged = (item: StagedWriteItem, verb: "approve" | "reject") => {
    api.decideStagedWrite(item, verb).then(() => { setNotice(`${verb === "approve" ? "Applied" : "Rejected"}: ${item.summary.slice(0, 80)}`); reload(); },
      (caught) => setError(describeError(caught)));
  };
  const removeEntry = (pattern: string) => {
    if (!window.confirm(`Remove “${pattern}” from command_allowlist? The agent asks again for it from its next tool call.`)) return;
    api.removeAllowlistEntry(pattern).then(reload, (caught) => setError(describeError(caught)));
  };
  const removeRule = (ruleID: number) => {
    api.deleteApprovalRule(ruleID).then(reload, (caught) => setError(describeError(caught)));
  };

  if (pending.error && !pending.data) return <div className="alert alert-bad" role="alert">{pending.error}</div>;
  if (!pending.data) return <p className="loading">Loading approvals…</p>;
  const { mode, timeout, items, loginRequired } = pending.data;
  const past = (history.data?.items || []).filter((request) => request.status !== "pending");
  return (
    <div className="approvals">
      {mode === "off"
        ? <div className="alert alert-warn">Approvals are off (approvals.mode: off): the agent runs commands without asking. Change it in Config.</div>
        : <p className="muted small">approvals.mode is <strong>{mode}</strong>; an unanswered request is denied after {timeout} s.</p>}
      {mode !== "off" && !loginRequired && (
        <div className="alert alert-warn" data-no-password>No password is set: any program running as your Unix user — the agent
          included — can read this workspace's token file and act as you. Run <code>hermes-workspace passwd</code> so that
          approvals need a person who knows the password.</div>
      )}
      {noticesSupported() && (
        <p className="small">
          {notices
            ? <>New requests are announced in this browser (a notification and a tone). <button className="button ghost small-button" type="button"
              onClick={() => { turnNoticesOff(); setNotices(false); }}>Stop</button></>
            : <button className="button ghost small-button" type="button" data-notices
              onClick={() => turnNoticesOn().then((on) => { setNotices(on); if (!on) setError("The browser did not allow notifications for this page."); })}>
              Notify me of new requests</button>}
        </p>
      )}
      {notice && <div className="alert alert-good" role="status">{notice}</div>}
      {error && <div className="alert alert-bad" role="alert">{error}</div>}
      <section className="card" aria-label="Pending approvals">
        <div className="card-head"><h2>Waiting for you</h2><span className="muted small">{items.length}</span></div>
        {items.length === 0 ? <p className="muted">Nothing is waiting.</p> : (
          <ul className="approval-list">{items.map((request) => (
            <PendingApproval key={request.id} request={request} sessionTitle={titleOf(pending.data!.sessionTitles, request)} onDecided={decided} onError={setError} />
          ))}</ul>
        )}
      </section>
      {(staged.data?.items || []).length > 0 && <section className="card" aria-label="Staged writes">
        <div className="card-head"><h2>Memory and skill writes waiting</h2><span className="muted small">{staged.data!.items.length}</span></div>
        <p className="muted small">The agent staged these (memory.write_approval / skills.write_approval). Approve applies them with the agent's own code; memory edits reach the agent at its next session.</p>
        <ul className="approval-list">{staged.data!.items.map((item) => (
          <li className="approval" key={item.subsystem + item.id} data-staged={item.id}>
            <div className="approval-head"><strong>{item.subsystem === "memory" ? `memory · ${item.target}` : `skill · ${item.target}`}</strong>
              <span className="badge badge-neutral">{item.action}</span><span className="muted small" title={dateTime(item.createdAt)}>{relativeTime(item.createdAt)}</span></div>
            <blockquote className="agent-words small"><span className="agent-words-label">The agent says:</span> <VisibleText text={item.summary} /></blockquote>
            <pre className="approval-action" tabIndex={0} aria-label="What would change"><VisibleText text={item.preview} /></pre>
            <div className="approval-actions">
              <button className="button" type="button" onClick={() => decideStaged(item, "approve")}>Apply</button>
              <button className="button danger" type="button" onClick={() => decideStaged(item, "reject")}>Reject</button>
            </div>
          </li>
        ))}</ul>
      </section>}
      {pairing.data && <PairingCard pending={pairing.data.pending} approved={pairing.data.approved}
        onChanged={(message) => { setNotice(message); reload(); }} onError={setError} />}
      <section className="card" aria-label="Allowlist">
        <div className="card-head"><h2>Always allowed by the agent</h2><span className="muted small">{rules.data?.allowlist.length ?? 0}</span></div>
        <p className="muted small">command_allowlist in config.yaml: the agent honours these with the workspace stopped. "Always" on a request adds its pattern keys.</p>
        {(rules.data?.allowlist || []).length === 0 ? <p className="muted">Empty.</p> : (
          <StackedTable>
            <thead><tr><th>Entry</th><th>Kind</th><th /></tr></thead>
            <tbody>{rules.data!.allowlist.map((entry) => (
              <tr key={entry.pattern} data-allowlist={entry.pattern}><td><code className="plain"><VisibleText text={entry.pattern} /></code></td><td>{entry.kind}</td>
                <td><button className="button danger-outline small-button" type="button" onClick={() => removeEntry(entry.pattern)}>Remove</button></td></tr>
            ))}</tbody>
          </StackedTable>
        )}
      </section>
      {(rules.data?.items || []).length > 0 && <section className="card" aria-label="Rules">
        <div className="card-head"><h2>Exact-action rules</h2><span className="muted small">{rules.data?.items.length ?? 0}</span></div>
        {(
          <StackedTable>
            <thead><tr><th>Tool</th><th>Action</th><th>Added</th><th /></tr></thead>
            <tbody>{rules.data!.items.map((rule) => (
              <tr key={rule.id}><td>{rule.tool}</td><td><code><VisibleText text={rule.action} /></code></td><td><When iso={rule.createdAt} /> by {rule.createdBy}</td>
                <td><button className="button danger-outline small-button" type="button" onClick={() => removeRule(rule.id)}>Remove</button></td></tr>
            ))}</tbody>
          </StackedTable>
        )}
      </section>}
      <section className="card" aria-label="History">
        <div className="card-head"><h2>History</h2></div>
        {past.length === 0 ? <p className="muted">No decisions yet.</p> : (
          <StackedTable>
            <thead><tr><th>When</th><th>Tool</th><th>Action</th><th>Outcome</th><th>By</th></tr></thead>
            <tbody>{past.map((request) => (
              <tr key={request.id} data-approval={request.id}>
                <td title={dateTime(request.createdAt)}>{relativeTime(request.createdAt)}</td><td>{request.tool}</td>
                <td><code className="clip"><VisibleText text={request.action} /></code>
                  {titleOf(history.data?.sessionTitles, request) && <div className="muted small">in “<VisibleText text={titleOf(history.data?.sessionTitles, request) || ""} />”</div>}</td>
                <td><Badge tone={tones[request.status]}>{request.status}{request.scope && request.scope !== "once" ? ` (${request.scope})` : ""}</Badge>
                  {request.denyReason && <div className="muted small">{request.denyReason}</div>}</td>
                <td>{request.decidedBy || "—"}{request.decidedVia && request.decidedVia !== "workspace" && <div className="muted small">via {request.decidedVia}</div>}</td>
              </tr>
            ))}</tbody>
          </StackedTable>
        )}
      </section>
    </div>
  );
}
