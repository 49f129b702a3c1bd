// A modal confirmation for destructive actions, built on the native <dialog> (focus trap and Escape for free).
import React, { useEffect, useRef } from "react";

export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel, busy }: {
  title: string; children: any; confirmLabel: string; onConfirm: () => void; onCancel: () => void; busy?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement | null>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => { if (element && element.open) element.close(); };
  }, []);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="confirm-title" onCancel={(event) => { event.preventDefault(); onCancel(); }}>
      <h2 id="confirm-title">{title}</h2>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">
        <button type="button" className="button ghost" onClick={onCancel} disabled={busy}>Cancel</button>
        <button type="button" className="button danger" onClick={onConfirm} disabled={busy}>{busy ? "Working…" : confirmLabel}</button>
      </div>
    </dialog>
  );
}
