// One pending request: exactly what will run (hidden characters made visible, every line in a bounded box that must
// be read to its end before it can be approved), where, what the agent claims about it (labelled as the agent's
// words), time left, and the decision buttons.
import { hrefFor } from "../../router";
import React, { useEffect, useLayoutEffect, useRef, useState } from "react";
import { api, Approval } from "../../api";
import { can } from "../../role";
import { duration } from "../../format";
import { describeError } from "../../ui/useLoader";
import { hiddenCharacters, VisibleText } from "../../ui/VisibleText";

const surfaceLabels: Record<string, string> = { cli: "also asked at the terminal", gateway: "also asked in the chat", headless: "nobody else is asked" };

export function PendingApproval({ request, sessionTitle, onDecided, onError }: {
  request: Approval; sessionTitle?: string; onDecided: (request: Approval) => void; onError: (message: string) => void;
}) {
  const [now, setNow] = useState(Date.now());
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [seen, setSeen] = useState(false);
  const [expanded, setExpanded] = useState(false);
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const checkSeen = () => {
    const element = box.current;
    if (element && element.scrollTop + element.clientHeight >= element.scrollHeight - 2) setSeen(true);
  };
  useLayoutEffect(checkSeen, [request.action, expanded]);
  const left = Math.max(0, (new Date(request.expiresAt).getTime() - now) / 1000);
  const act = (work: Promise<Approval>) => {
    setBusy(true);
    work.then(onDecided, (caught) => onError(describeError(caught))).finally(() => setBusy(false));
  };
  const lines = request.action.split("\n").length;
  const hidden = [request.action, request.tool, request.workdir || "", request.reason || "", ...request.risks].flatMap(hiddenCharacters);
  const cannotApprove = busy || !seen;
  // What the agent's own detector flagged as dangerous: Deny is the focused, prominent answer; approving is a choice.
  const flagged = request.smartDenied || request.risks.length > 0 || request.patternKeys.length > 0 || !!request.description;
  return (
    <li className="approval" data-approval={request.id}>
      <div className="approval-head">
        <strong><VisibleText text={request.tool} /></strong>
        {request.platform && <span className="badge badge-neutral"><VisibleText text={request.platform} /></span>}
        {request.surface && <span className="badge badge-neutral" title="Where the agent also asks; the first answer wins">{surfaceLabels[request.surface] || request.surface}</span>}
        {request.sessionID && (
          <a className="small approval-session" href={hrefFor(`/sessions/${encodeURIComponent(request.sessionID)}`, request.profile || "default")}
            title={`Session ${request.sessionID}`}>
            {sessionTitle ? <>in “<VisibleText text={sessionTitle} />”</> : <>session <VisibleText text={request.sessionID} /></>}
          </a>
        )}
        <span className={"small " + (left < 15 ? "field-error" : "muted")}>{left > 0 ? `${duration(Math.ceil(left))} left` : "expiring…"}</span>
      </div>
      {hidden.length > 0 && (
        <div className="alert alert-bad" role="alert" data-hidden-warning>
          This request holds {hidden.length} hidden or direction-changing character{hidden.length === 1 ? "" : "s"}, shown as ⟨U+…⟩ below.
          What runs is the text exactly as shown, markers included; a command that needs them to read normally is hiding something.
        </div>
      )}
      <div className="approval-action-meta muted small">
        What runs: {lines} line{lines === 1 ? "" : "s"}, {request.action.length.toLocaleString()} characters
        {!seen && <> — scroll to the end (or show all) before approving</>}
      </div>
      <pre ref={box} className={"approval-action" + (expanded ? " expanded" : "")} onScroll={checkSeen} tabIndex={0}
        aria-label="The action, exactly as it will run"><VisibleText text={request.action} /></pre>
      {!expanded && !seen && <button className="button ghost small-button" type="button" onClick={() => { setExpanded(true); setSeen(true); }}>Show all {lines} lines</button>}
      {request.workdir && <div className="muted small">in <code className="plain"><VisibleText text={request.workdir} /></code> (as the agent reports it)</div>}
      {request.reason && (
        <blockquote className="agent-words small"><span className="agent-words-label">The agent says (unverified):</span> <VisibleText text={request.reason} /></blockquote>
      )}
      {request.risks.length > 0 && <div className="small field-error">Flagged by the agent's detector: <VisibleText text={request.risks.join(", ")} /></div>}
      {request.description && (
        <div className="small field-error">The agent's gate flagged: <VisibleText text={request.description} />
          {request.patternKeys.length > 0 && <span className="muted"> (pattern {request.patternKeys.map((key) => `“${key}”`).join(", ")})</span>}</div>
      )}
      {request.smartDenied && <div className="alert alert-bad small">The agent's smart triage said DENY. You may override it for this one run only.</div>}
      {!can("operator") && <p className="muted small">Operators and admins decide; your role reads the queue.</p>}
      {can("operator") && <div className="approval-actions">
        {request.choices.includes("once") && <button className={"button" + (flagged ? " ghost" : "")} type="button" disabled={cannotApprove} onClick={() => act(api.approve(request.id, "once"))}>Approve once</button>}
        {request.choices.includes("session") && <button className="button ghost" type="button" disabled={cannotApprove} onClick={() => act(api.approve(request.id, "session"))}>For this session</button>}
        {request.choices.includes("always") && <button className="button ghost" type="button" disabled={cannotApprove}
          title={request.patternKeys.length ? `Adds ${request.patternKeys.join(", ")} to command_allowlist in config.yaml` : "Approves this exact action from now on"}
          onClick={() => act(api.approve(request.id, "always"))}>Always</button>}
        <input className="input" aria-label="Reason for denying" placeholder="Reason (optional)" value={reason} onChange={(event) => setReason(event.target.value)} />
        <button className="button danger" type="button" disabled={busy} autoFocus={flagged} onClick={() => act(api.deny(request.id, reason))}>Deny</button>
      </div>}
    </li>
  );
}
