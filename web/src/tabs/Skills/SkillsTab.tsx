// Skills: every installed skill grouped by category, searchable, switched on and off; one opens into a viewer with
// its files, per-platform switches and an editor; new skills are created here too.
import React, { useEffect, useMemo, useState } from "react";
import { api, SkillInfo } from "../../api";
import { useEvent } from "../../events";
import { describeError, useLoader } from "../../ui/useLoader";
import { NewSkillForm } from "./NewSkillForm";
import { SkillPane } from "./SkillPane";
import { Switch } from "../../ui/Switch";

/// What a flip did, said beside the row it happened on.
interface RowNotice { name: string; text: string; tone: "good" | "bad" | "busy" }

export function SkillsTab() {
  const [generation, setGeneration] = useState(0);
  const reload = () => setGeneration((value) => value + 1);
  const skills = useLoader(() => api.skills(), [generation]);
  const [search, setSearch] = useState("");
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  useEvent("config.changed", reload, []);
  useEvent("reset", reload, []);
  const items = skills.data?.items || [];
  const visible = useMemo(() => {
    const text = search.trim().toLowerCase();
    return text ? items.filter((skill) => [skill.name, skill.description, ...skill.tags].some((value) => value.toLowerCase().includes(text))) : items;
  }, [items, search]);
  const groups = useMemo(() => {
    const map = new Map<string, SkillInfo[]>();
    visible.forEach((skill) => { const key = skill.category || "Uncategorised"; map.set(key, (map.get(key) || []).concat(skill)); });
    return Array.from(map.entries()).sort(([a], [b]) => a === "Uncategorised" ? 1 : b === "Uncategorised" ? -1 : a.localeCompare(b));
  }, [visible]);
  const [rowNotice, setRowNotice] = useState<RowNotice | null>(null);
  useEffect(() => {
    if (!rowNotice || rowNotice.tone !== "good") return;
    const timer = window.setTimeout(() => setRowNotice((current) => current === rowNotice ? null : current), 6000);
    return () => window.clearTimeout(timer);
  }, [rowNotice]);
  const toggle = (skill: SkillInfo) => {
    const enabling = !skill.enabled;
    setRowNotice({ name: skill.name, text: "Saving…", tone: "busy" });
    api.setSkillEnabled(skill.name, enabling).then(() => {
      setRowNotice({ name: skill.name, text: `${enabling ? "Enabled" : "Disabled"} in config.yaml — from the agent's next session`, tone: "good" });
      reload();
    }, (caught) => setRowNotice({ name: skill.name, text: describeError(caught), tone: "bad" }));
  };

  if (skills.error && !skills.data) return <div className="alert alert-bad" role="alert">{skills.error}</div>;
  if (!skills.data) return <p className="loading">Loading skills…</p>;
  return (
    <div className="skills">
      <div className="config-toolbar">
        <input className="input" type="search" placeholder="Search names, descriptions, tags…" aria-label="Search skills" value={search} onChange={(event) => setSearch(event.target.value)} />
        <button className="button" type="button" onClick={() => setCreating(true)}>New skill</button>
        <span className="muted small">{items.length} skills, {items.filter((skill) => !skill.enabled).length} disabled</span>
      </div>
      {notice && <div className="alert alert-good" role="status">{notice}</div>}
      {creating && <NewSkillForm categories={skills.data.categories} onCancel={() => setCreating(false)}
        onCreated={(name) => { setCreating(false); setNotice(`${name} created.`); setSelected(name); reload(); }} />}
      <div className={selected ? "skills-split" : undefined}>
        <div>
          {groups.map(([category, group]) => (
            <section key={category} className="card skill-group" aria-label={category}>
              <div className="card-head"><h2>{category}</h2><span className="muted small">{group.length}</span></div>
              <ul className="skill-list">
                {group.map((skill) => (
                  <li key={skill.name + skill.path} className={"skill-row" + (skill.name === selected ? " selected" : "")} data-skill={skill.name}>
                    <Switch checked={skill.enabled} label={`${skill.name} enabled`} onChange={() => toggle(skill)}
                      disabled={rowNotice?.name === skill.name && rowNotice.tone === "busy"} />
                    <button className="link-button skill-name" type="button" onClick={() => setSelected(skill.name === selected ? null : skill.name)}>{skill.name}</button>
                    {rowNotice?.name === skill.name
                      ? <span className={`row-notice row-notice-${rowNotice.tone}`} role={rowNotice.tone === "bad" ? "alert" : "status"}>{rowNotice.text}</span>
                      : <span className="muted small clip">{skill.description}</span>}
                    {skill.disabledOn.length > 0 && <span className="badge badge-neutral">off on {skill.disabledOn.join(", ")}</span>}
                    {skill.provenance !== "local" && <span className="badge badge-neutral">{skill.provenance}</span>}
                    {skill.warnings.length > 0 && <span className="badge badge-warn" title={skill.warnings.join("\n")}>{skill.warnings.length} warning{skill.warnings.length === 1 ? "" : "s"}</span>}
                  </li>
                ))}
              </ul>
            </section>
          ))}
          {visible.length === 0 && <p className="muted">No skills match.</p>}
        </div>
        {selected && <SkillPane key={selected + generation} name={selected} onChanged={(message) => { setNotice(message); reload(); }} onClose={() => setSelected(null)} />}
      </div>
    </div>
  );
}
