import { When } from "../../ui/When";
import React, { useState } from "react";
import { api, SessionDetail, SessionSummary } from "../../api";
import { hrefFor } from "../../router";
import { compact, usd } from "../../format";
import { Icon } from "../../ui/Icon";
import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { describeError, useLoader } from "../../ui/useLoader";
import { SessionBadges, sessionLabel } from "./SessionRow";
import { Transcript } from "./Transcript";
import { UsageTable } from "./UsageTable";

function SessionLink({ session, onOpen }: { session: SessionSummary; onOpen: (id: string) => void }) {
  return <a href={hrefFor(`/sessions/${encodeURIComponent(session.id)}`)} onClick={(event) => { event.preventDefault(); onOpen(session.id); }}>{sessionLabel(session)}</a>;
}

function Lineage({ detail, onOpen }: { detail: SessionDetail; onOpen: (id: string) => void }) {
  const groups: [string, SessionSummary[]][] = [["Branches", detail.branches], ["Delegated runs", detail.delegates], ["Other children", detail.otherChildren]];
  if (!detail.parent && detail.conversation.segmentIDs.length < 2 && groups.every(([, list]) => list.length === 0)) return null;
  return (
    <div className="lineage">
      {detail.parent && <p>Parent: <SessionLink session={detail.parent} onOpen={onOpen} /></p>}
      {detail.conversation.segmentIDs.length > 1 && (
        <p>Continued after context compression across {detail.conversation.segmentIDs.length} segments:{" "}
          {detail.conversation.segmentIDs.map((id, index) => <span key={id}>{index > 0 && " → "}<code>{id}</code></span>)}</p>
      )}
      {groups.filter(([, list]) => list.length > 0).map(([label, list]) => (
        <div key={label}>
          <h4>{label}</h4>
          <ul>{list.map((child) => <li key={child.id}><SessionLink session={child} onOpen={onOpen} /> <span className="muted small"><When iso={child.startedAt} /></span></li>)}</ul>
        </div>
      ))}
    </div>
  );
}

export function SessionDetailPane({ sessionID, focusMessage, onOpen, onDeleted, onBack, onEdited }: {
  sessionID: string; focusMessage?: number; onOpen: (id: string) => void; onDeleted: () => void; onBack: () => void; onEdited: () => void;
}) {
  const [reloads, setReloads] = useState(0);
  const { data: detail, error } = useLoader(() => api.session(sessionID), [sessionID, reloads]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [format, setFormat] = useState("markdown");
  const [renaming, setRenaming] = useState<string | null>(null);

  // On a narrow screen the open conversation is a screen of its own; Back returns to the list.
  const back = <button type="button" className="button ghost small-button back-button" onClick={onBack}><Icon name="back" size={14} /> Sessions</button>;
  if (error && (!detail || detail.requestedID !== sessionID)) return <section className="detail card">{back}<div className="alert alert-bad" role="alert">{error}</div></section>;
  if (!detail) return <section className="detail card">{back}<p className="loading">Loading session…</p></section>;
  const conversation = detail.conversation;
  const remove = async () => {
    setBusy(true);
    try {
      await api.deleteSession(conversation.id);
      setConfirming(false);
      onDeleted();
    } catch (caught) {
      setActionError(describeError(caught));
      setConfirming(false);
    }
    setBusy(false);
  };
  const summary = [
    conversation.platform, conversation.model || undefined, `${conversation.messageCount} messages`,
    conversation.toolCallCount > 0 ? `${conversation.toolCallCount} tool calls` : undefined,
    `${compact(conversation.tokens.total)} tokens`, usd(conversation.cost.estimatedUSD),
  ].filter(Boolean).join(" · ");
  return (
    <section className="detail card" aria-label="Session detail">
      {back}
      <header className="detail-head">
        <div className="detail-title">
          <h2>{sessionLabel(conversation)}</h2>
          <SessionBadges session={conversation} />
        </div>
        <div className="detail-actions">
          <label className="visually-hidden" htmlFor="export-format">Export format</label>
          <select id="export-format" className="select" value={format} onChange={(event) => setFormat(event.target.value)}>
            <option value="markdown">Markdown</option><option value="json">JSON</option><option value="jsonl">JSON Lines</option>
          </select>
          <button type="button" className="button ghost" onClick={() => api.exportSession(conversation.id, format).catch((caught) => setActionError(describeError(caught)))}>Export</button>
          <button type="button" className="button ghost" onClick={() => setRenaming(renaming === null ? conversation.title || "" : null)}>Rename</button>
          <button type="button" className="button ghost" onClick={() => api.editSession(conversation.id, { archived: !conversation.archived }).then(
            () => { setReloads((value) => value + 1); onEdited(); }, (caught) => setActionError(describeError(caught)))}>
            {conversation.archived ? "Unarchive" : "Archive"}</button>
          <button type="button" className="button danger-outline" onClick={() => setConfirming(true)} disabled={conversation.isActive}
                  title={conversation.isActive ? "A live conversation cannot be deleted" : undefined}>Delete</button>
        </div>
      </header>
      {actionError && <div className="alert alert-bad" role="alert">{actionError}</div>}
      {renaming !== null && (
        <form className="rename-form" onSubmit={(event) => {
          event.preventDefault();
          api.editSession(conversation.id, { title: renaming }).then(() => { setRenaming(null); setReloads((value) => value + 1); onEdited(); },
            (caught) => setActionError(describeError(caught)));
        }}>
          <label className="visually-hidden" htmlFor="session-title">Title</label>
          <input id="session-title" className="input" value={renaming} maxLength={100} autoFocus placeholder="Empty clears the title"
            onChange={(event) => setRenaming(event.target.value)} />
          <button type="submit" className="button small-button">Save title</button>
          <button type="button" className="button ghost small-button" onClick={() => setRenaming(null)}>Cancel</button>
        </form>
      )}
      {/* The facts in one line that opens; the conversation comes first. */}
      <details className="detail-summary">
        <summary><span className="detail-summary-line">{summary} · started <When iso={conversation.startedAt} relative /></span></summary>
        <dl className="facts detail-facts">
          <dt>Id</dt><dd><code>{conversation.id}</code></dd>
          <dt>Platform</dt><dd>{conversation.platform}{detail.segments[0]?.displayName ? ` · ${detail.segments[0].displayName}` : ""}</dd>
          <dt>Model</dt><dd>{conversation.model || "—"}{conversation.provider ? ` via ${conversation.provider}` : ""}</dd>
          <dt>Started</dt><dd><When iso={conversation.startedAt} /></dd>
          <dt>Ended</dt><dd>{conversation.endedAt ? <><When iso={conversation.endedAt} />{conversation.endReason ? ` (${conversation.endReason})` : ""}</> : "still open"}</dd>
          <dt>Messages</dt><dd>{conversation.messageCount} messages, {conversation.toolCallCount} tool calls, {conversation.apiCallCount} API calls</dd>
          <dt>Tokens</dt><dd>{compact(conversation.tokens.total)} — input {compact(conversation.tokens.input)}, output {compact(conversation.tokens.output)}, cache read {compact(conversation.tokens.cacheRead)}, cache write {compact(conversation.tokens.cacheWrite)}</dd>
          <dt>Cost</dt><dd>{usd(conversation.cost.estimatedUSD)} estimated{conversation.cost.actualUSD !== undefined ? ` · ${usd(conversation.cost.actualUSD)} reported by the provider` : ""}</dd>
          {detail.segments[0]?.cwd && <><dt>Directory</dt><dd><code>{detail.segments[0].cwd}</code></dd></>}
        </dl>
        <UsageTable rows={detail.usage} />
      </details>
      <Lineage detail={detail} onOpen={onOpen} />
      <Transcript sessionID={conversation.id} focusMessage={focusMessage} />
      {confirming && (
        <ConfirmDialog title="Delete this conversation?" confirmLabel="Delete" busy={busy} onConfirm={remove} onCancel={() => setConfirming(false)}>
          <p>“{sessionLabel(conversation)}” with {conversation.messageCount} messages
            {conversation.segmentIDs.length > 1 ? ` in ${conversation.segmentIDs.length} segments` : ""} will be removed from the agent's state.db,
            with its usage rows and delegated runs. Branches stay, as conversations of their own. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
