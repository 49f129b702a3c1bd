// Messaging pairing: strangers waiting to talk to the bot (approved with the code they were sent, which the agent
// keeps only hashed, so the owner types it), and the users already paired.
import { StackedTable } from "../../ui/StackedTable";
import React, { useState } from "react";
import { api, PairedUser, PairingRequest } from "../../api";
import { dateTime, relativeTime } from "../../format";
import { describeError } from "../../ui/useLoader";
import { VisibleText } from "../../ui/VisibleText";

function WaitingRow({ request, onDone, onError }: { request: PairingRequest; onDone: (message: string) => void; onError: (message: string) => void }) {
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const act = (work: Promise<unknown>, message: string) => {
    setBusy(true);
    work.then(() => onDone(message), (caught) => onError(describeError(caught))).finally(() => setBusy(false));
  };
  return (
    <tr data-pairing={request.entry}>
      <td>{request.platform}</td>
      <td><VisibleText text={request.userName || "(no name)"} /> <span className="muted small"><VisibleText text={request.userID} /></span></td>
      <td title={dateTime(request.createdAt)}>{relativeTime(request.createdAt)}</td>
      <td className="pairing-actions">
        <input className="input" aria-label={`Code ${request.userName} was sent`} placeholder="Code they show you" value={code}
          onChange={(event) => setCode(event.target.value.toUpperCase())} />
        <button className="button" type="button" disabled={busy || code.trim().length < 4}
          onClick={() => act(api.approvePairing(request.platform, code.trim()), `Paired ${request.userName || request.userID} on ${request.platform}`)}>Pair</button>
        <button className="button danger" type="button" disabled={busy}
          onClick={() => act(api.denyPairing(request.platform, request.entry), `Dropped the request of ${request.userName || request.userID}`)}>Drop</button>
      </td>
    </tr>
  );
}

export function PairingCard({ pending, approved, onChanged, onError }: {
  pending: PairingRequest[]; approved: PairedUser[]; onChanged: (message: string) => void; onError: (message: string) => void;
}) {
  if (pending.length === 0 && approved.length === 0) return null;
  const revoke = (user: PairedUser) => {
    if (!window.confirm(`End ${user.userName || user.userID}'s access on ${user.platform}?`)) return;
    api.revokePairing(user.platform, user.userID).then(() => onChanged(`Revoked ${user.userName || user.userID}`), (caught) => onError(describeError(caught)));
  };
  return (
    <section className="card" aria-label="Pairing">
      <div className="card-head"><h2>Who may talk to the bot</h2><span className="muted small">{pending.length} waiting</span></div>
      {pending.length > 0 && (
        <StackedTable>
          <thead><tr><th>Platform</th><th>Asking</th><th>Since</th><th /></tr></thead>
          <tbody>{pending.map((request) => <WaitingRow key={request.platform + request.entry} request={request} onDone={onChanged} onError={onError} />)}</tbody>
        </StackedTable>
      )}
      {approved.length > 0 && (
        <StackedTable>
          <thead><tr><th>Platform</th><th>Paired user</th><th>Since</th><th /></tr></thead>
          <tbody>{approved.map((user) => (
            <tr key={user.platform + user.userID} data-paired={user.userID}><td>{user.platform}</td>
              <td><VisibleText text={user.userName || "(no name)"} /> <span className="muted small"><VisibleText text={user.userID} /></span></td>
              <td>{user.approvedAt ? relativeTime(user.approvedAt) : "—"}</td>
              <td><button className="button danger-outline small-button" type="button" onClick={() => revoke(user)}>Revoke</button></td></tr>
          ))}</tbody>
        </StackedTable>
      )}
    </section>
  );
}
