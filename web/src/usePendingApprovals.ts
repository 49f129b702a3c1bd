// The number of pending approvals, kept live from the event stream; shown in the sidebar and the page title.
import { useEffect, useRef, useState } from "react";
import { api, basePath } from "./api";
import { useConnectionState, useEvent } from "./events";
import { announceRequests, noticesWanted } from "./ui/approvalNotices";

export function usePendingApprovals(enabled: boolean): number {
  const [pending, setPending] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    api.approvals("pending").then((answer) => setPending(answer.pending), () => undefined);
  }, [enabled]);
  useEvent("approvals.changed", (event) => { if (typeof event.data?.pending === "number") setPending(event.data.pending); }, []);
  const connection = useConnectionState();
  useEffect(() => {
    if (!enabled || connection === "live") return;
    const timer = window.setInterval(() => api.approvals("pending").then((answer) => setPending(answer.pending), () => undefined), 5000);
    return () => window.clearInterval(timer);
  }, [enabled, connection]);
  useEvent("reset", () => { if (enabled) api.approvals("pending").then((answer) => setPending(answer.pending), () => undefined); }, [enabled]);
  useEffect(() => {
    document.title = pending > 0 ? `(${pending}) Hermes Workspace` : "Hermes Workspace";
  }, [pending]);
  // A rise in the count is a new request: announced (when this browser opted in) with the newest one's summary.
  const previous = useRef<number | null>(null);
  useEffect(() => {
    const before = previous.current;
    previous.current = pending;
    if (before === null || pending <= before || !noticesWanted()) return;
    api.approvals("pending").then((answer) => {
      const newest = answer.items[answer.items.length - 1];
      const summary = newest ? `${newest.tool}: ${newest.description || newest.risks.join(", ") || "needs a decision"}` : "A request needs a decision";
      announceRequests(pending - before, summary, `${basePath}/approvals`);
    }, () => undefined);
  }, [pending]);
  return pending;
}
