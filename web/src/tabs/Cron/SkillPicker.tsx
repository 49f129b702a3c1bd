// Skills a job loads, in order: chosen from the skills registry, removable, with unknown names kept and marked.
import React, { useState } from "react";
import { api } from "../../api";
import { useLoader } from "../../ui/useLoader";

export function SkillPicker({ value, onChange }: { value: string[]; onChange: (skills: string[]) => void }) {
  const registry = useLoader(() => api.skills(), []);
  const [adding, setAdding] = useState("");
  const known = new Set((registry.data?.items || []).map((skill) => skill.name));
  const choices = (registry.data?.items || []).filter((skill) => !value.includes(skill.name));
  const add = (name: string) => {
    const trimmed = name.trim();
    if (trimmed && !value.includes(trimmed)) onChange(value.concat(trimmed));
    setAdding("");
  };
  return (
    <div className="field" aria-label="Skills">
      <span>Skills</span>
      <div className="chips">
        {value.map((skill) => (
          <span key={skill} className={"chip active" + (registry.data && !known.has(skill) ? " unknown" : "")} title={registry.data && !known.has(skill) ? "Not in the skills folder" : undefined}>
            {skill} <button type="button" className="link-button" aria-label={`Remove ${skill}`} onClick={() => onChange(value.filter((item) => item !== skill))}>×</button>
          </span>
        ))}
        <select id="cron-skill" className="select" aria-label="Add a skill" value={adding} onChange={(event) => add(event.target.value)}>
          <option value="">{registry.error ? "Skills could not be listed" : "Add a skill…"}</option>
          {choices.map((skill) => <option key={skill.name} value={skill.name}>{skill.category ? `${skill.category} / ` : ""}{skill.name}{skill.enabled ? "" : " (disabled)"}</option>)}
        </select>
      </div>
    </div>
  );
}
