// One value of the form: the input its schema asks for, whether it comes from the file or the defaults, and the
// schema check's message beside it.
import { Switch } from "../../ui/Switch";
import React, { useEffect, useState } from "react";
import { Json, JsonSchema } from "../../api";
import { FieldKind, problemWith } from "./schema";

export interface FieldState {
  path: string[]; schema: JsonSchema; kind: FieldKind;
  fileValue: Json | undefined; defaultValue: Json | undefined;
  pending: { value?: Json; deleted?: boolean } | null; serverError?: string; readOnly: boolean;
}

function shown(state: FieldState): Json | undefined {
  if (state.pending?.deleted) return state.defaultValue;
  if (state.pending && "value" in state.pending) return state.pending.value;
  return state.fileValue !== undefined ? state.fileValue : state.defaultValue;
}

function asText(value: Json | undefined, kind: FieldKind): string {
  if (value === undefined || value === null) return "";
  if (kind === "list") return Array.isArray(value) ? value.map(String).join("\n") : String(value);
  if (kind === "map") return JSON.stringify(value, null, 2);
  return String(value);
}

function fromText(text: string, kind: FieldKind): Json {
  if (kind === "integer" || kind === "number") return text.trim() === "" ? null : Number(text);
  if (kind === "list") return text.split("\n").map((line) => line.trim()).filter((line) => line !== "");
  if (kind === "map") { try { return JSON.parse(text || "{}"); } catch { return text; } }
  return text;
}

export function ConfigField({ state, onChange, onReset, onRevert }: {
  state: FieldState; onChange: (value: Json) => void; onReset: () => void; onRevert: () => void;
}) {
  const { path, schema, kind, readOnly } = state;
  const id = "config-" + path.join("-");
  const value = shown(state);
  const secret = !!schema["x-secret"];
  const [draft, setDraft] = useState(secret ? "" : asText(value, kind));
  useEffect(() => { if (!state.pending && !secret) setDraft(asText(value, kind)); }, [JSON.stringify(value), !!state.pending]);
  const edited = state.pending !== null;
  const parsedProblem = kind === "map" && typeof value === "string" ? "must be JSON: an object of lists" : null;
  const problem = state.serverError || parsedProblem || (edited && !state.pending?.deleted && value !== undefined ? problemWith(schema, value as Json) : null);
  const source = edited ? "edited" : state.fileValue !== undefined ? "set" : "default";
  const label = path[path.length - 1];

  const update = (text: string) => { setDraft(text); onChange(fromText(text, kind)); };
  let input: any;
  if (kind === "boolean") {
    input = <Switch id={id} checked={value === true} disabled={readOnly} label={label} onChange={onChange} />;
  } else if (kind === "choice" || kind === "approvalMode") {
    const choices = kind === "approvalMode" ? ["manual", "smart", "off"] : schema.enum || [];
    const current = value === false ? "off" : String(value ?? "");
    input = (
      <select id={id} className="select" value={current} disabled={readOnly} onChange={(event) => onChange(event.target.value)}>
        {!choices.includes(current) && <option value={current}>{current || "(not set)"}</option>}
        {choices.map((choice) => <option key={choice} value={choice}>{choice}</option>)}
      </select>
    );
  } else if (kind === "list" || kind === "map") {
    input = <textarea id={id} className="input code-input" rows={Math.min(8, Math.max(2, draft.split("\n").length))} value={draft}
      disabled={readOnly} spellCheck={false} onChange={(event) => update(event.target.value)} />;
  } else {
    input = <input id={id} className="input" type={secret ? "password" : kind === "integer" || kind === "number" ? "number" : "text"}
      value={draft} placeholder={secret ? (typeof value === "string" && value ? `${value} (unchanged)` : "not set") : ""}
      min={schema.minimum} max={schema.maximum} step={kind === "number" ? "any" : undefined} disabled={readOnly}
      autoComplete="off" onChange={(event) => update(event.target.value)} />;
  }
  return (
    <div className={`config-field${problem ? " invalid" : ""}`}>
      <div className="config-field-head">
        <label htmlFor={id}><code>{label}</code></label>
        <span className={`badge ${source === "edited" ? "badge-warn" : source === "set" ? "badge-good" : "badge-neutral"}`}>{source}</span>
        {edited && <button type="button" className="link-button" onClick={onRevert}>undo</button>}
        {!edited && state.fileValue !== undefined && !readOnly && (
          <button type="button" className="link-button" onClick={onReset} title="Remove the key so the agent's default applies">reset to default</button>
        )}
      </div>
      {input}
      {kind === "list" && <span className="muted small">One item per line.</span>}
      {schema.description && <p className="muted small field-help">{schema.description}
        {state.defaultValue !== undefined && state.defaultValue !== "" && <> Default: <code>{JSON.stringify(state.defaultValue)}</code>.</>}</p>}
      {problem && <p className="field-error" role="alert">{label} {problem}</p>}
    </div>
  );
}
