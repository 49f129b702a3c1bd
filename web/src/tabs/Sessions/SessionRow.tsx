import { hrefFor } from "../../router";
import React from "react";
import { SessionSummary } from "../../api";
import { compact, relativeTime, usd } from "../../format";
import { Badge } from "../../ui/Badge";

export function sessionLabel(session: SessionSummary): string {
  return session.title || session.preview || session.id;
}

export function SessionBadges({ session }: { session: SessionSummary }) {
  return (
    <span className="session-badges">
      <Badge tone="neutral">{session.platform}</Badge>
      {session.isActive ? <Badge tone="good">active</Badge> : session.isOpen ? <Badge tone="warn">open</Badge> : null}
      {session.kind !== "root" && session.kind !== "orphan" && <Badge tone="neutral">{session.kind}</Badge>}
      {session.segmentIDs.length > 1 && <Badge tone="neutral">{session.segmentIDs.length} segments</Badge>}
      {session.childCount > 0 && <Badge tone="neutral">{session.childCount} {session.childCount === 1 ? "child" : "children"}</Badge>}
      {session.archived && <Badge tone="neutral">archived</Badge>}
    </span>
  );
}

export function SessionRow({ session, selected, onOpen, style }: {
  session: SessionSummary; selected: boolean; onOpen: (id: string) => void; style?: any;
}) {
  return (
    <li style={style} className={selected ? "session-row selected" : "session-row"}>
      <a href={hrefFor(`/sessions/${encodeURIComponent(session.id)}`)} aria-current={selected ? "true" : undefined}
         onClick={(event) => { event.preventDefault(); onOpen(session.id); }}>
        <span className="session-main">
          <span className="session-title">{sessionLabel(session)}</span>
          <SessionBadges session={session} />
        </span>
        <span className="session-figures">
          <span title={session.lastActiveAt}>{relativeTime(session.lastActiveAt)}</span>
          <span>{session.messageCount} msgs · {compact(session.tokens.total)} tok · {usd(session.cost.actualUSD ?? session.cost.estimatedUSD)}</span>
        </span>
      </a>
    </li>
  );
}
