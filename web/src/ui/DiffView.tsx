// A unified diff with added and removed lines coloured, as the server renders it.
import React from "react";

export function DiffView({ diff, label }: { diff: string; label?: string }) {
  if (!diff) return <p className="muted">No changes.</p>;
  const lines = diff.replace(/\n$/, "").split("\n");
  return (
    <pre className="diff" aria-label={label || "Differences"}>
      {lines.map((line, index) => {
        const kind = line.startsWith("@@") ? "hunk" : line.startsWith("+++") || line.startsWith("---") ? "file"
          : line.startsWith("+") ? "added" : line.startsWith("-") ? "removed" : "same";
        return <span key={index} className={`diff-line diff-${kind}`}>{line + "\n"}</span>;
      })}
    </pre>
  );
}
