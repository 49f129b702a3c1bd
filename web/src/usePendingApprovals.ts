// The number of pending approvals, kept live from the event stream; shown in the sidebar and the page title.
import { useEffect, useState } from "react";
import { api } from "./api";
import { useConnectionState, useEvent } from "./events";

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
  return pending;
}
