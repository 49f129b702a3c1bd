// Memory: the agent's built-in memory files (MEMORY.md, USER.md) entry by entry, the settings that decide whether
// it uses them, and its persona (SOUL.md). Live: a write by the agent reloads the page's copy.
import React, { useState } from "react";
import { api } from "../../api";
import { useEvent } from "../../events";
import { hrefFor } from "../../router";
import { useLoader } from "../../ui/useLoader";
import { MemoryFileCard } from "./MemoryFileCard";
import { PersonaCard } from "./PersonaCard";

export function MemoryTab() {
  const [generation, setGeneration] = useState(0);
  const reload = () => setGeneration((value) => value + 1);
  const overview = useLoader(() => api.memory(), [generation]);
  const [notice, setNotice] = useState<string | null>(null);
  useEvent("memory.changed", reload, []);
  useEvent("config.changed", reload, []);
  useEvent("reset", reload, []);
  if (overview.error && !overview.data) return <div className="alert alert-bad" role="alert">{overview.error}</div>;
  if (!overview.data) return <p className="loading">Loading memory…</p>;
  const data = overview.data;
  return (
    <div className="memory">
      <section className="card memory-settings" aria-label="Memory settings">
        <dl className="facts">
          <dt>Agent notes</dt><dd>{data.memoryEnabled ? "used" : "off"} <span className="muted small">(memory.memory_enabled)</span></dd>
          <dt>User profile</dt><dd>{data.userProfileEnabled ? "used" : "off"} <span className="muted small">(memory.user_profile_enabled)</span></dd>
          <dt>Provider</dt><dd>{data.provider || "built-in files only"} <span className="muted small">(memory.provider)</span></dd>
          <dt>Agent's writes</dt><dd>{data.writeApproval ? "wait for approval" : "saved at once"} <span className="muted small">(memory.write_approval)</span></dd>
        </dl>
        <p className="muted small">{data.note} <a href={hrefFor("/config")}>Change these in Config</a>.</p>
      </section>
      {notice && <div className="alert alert-good" role="status">{notice}</div>}
      <div className="memory-files">
        {data.files.map((file) => (
          <MemoryFileCard key={file.target + file.etag} document={file} readOnly={false}
            enabled={file.target === "memory" ? data.memoryEnabled : data.userProfileEnabled}
            onSaved={(message) => { setNotice(message); reload(); }} onStale={reload} />
        ))}
      </div>
      <PersonaCard generation={generation} onSaved={(message) => { setNotice(message); reload(); }} />
    </div>
  );
}
