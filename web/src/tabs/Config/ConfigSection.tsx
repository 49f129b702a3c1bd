// One top-level section of config.yaml as a collapsible card of fields; nested mappings become fieldsets.
import React from "react";
import { Json, JsonSchema } from "../../api";
import { ConfigField } from "./ConfigField";
import { Pending, pendingAt } from "./pending";
import { fieldKind, valueAt } from "./schema";

export interface SectionProps {
  name: string; label: string; schema: JsonSchema; file: { [key: string]: Json }; pending: Pending; errors: Record<string, string>; readOnly: boolean;
  onEdit: (path: string[], value: Json | undefined) => void; onRevert: (path: string[]) => void; open: boolean;
}

function Fields({ path, schema, props }: { path: string[]; schema: JsonSchema; props: SectionProps }): any {
  const kind = fieldKind(path, schema);
  const fileValue = valueAt(props.file, path);
  if (kind === "model") {
    const mapping = fileValue !== undefined && fileValue !== null && typeof fileValue === "object";
    const options = schema.anyOf || [];
    if (mapping) return <Fields path={path} schema={options.find((option) => option.properties) || {}} props={props} />;
    return (
      <div>
        <ConfigField state={{ path, schema: options[0] || schema, kind: "text", fileValue, defaultValue: schema.default,
          pending: pendingAt(props.pending, path), serverError: props.errors[path.join(".")], readOnly: props.readOnly }}
          onChange={(value) => props.onEdit(path, value)} onReset={() => props.onEdit(path, undefined)} onRevert={() => props.onRevert(path)} />
        {!props.readOnly && (
          <button type="button" className="button ghost small-button"
            onClick={() => props.onEdit(path, { default: typeof fileValue === "string" ? fileValue : "", provider: "" })}>
            Use a mapping (provider, base URL, context length…)
          </button>
        )}
      </div>
    );
  }
  if (kind === "group") {
    const entries = Object.entries(schema.properties || {});
    const body = entries.map(([key, child]) => <Fields key={key} path={[...path, key]} schema={child} props={props} />);
    if (path.length === 1) return <>{body}</>;
    return <fieldset className="config-group"><legend><code>{path[path.length - 1]}</code></legend>{body}</fieldset>;
  }
  return (
    <ConfigField state={{ path, schema, kind, fileValue, defaultValue: schema.default, pending: pendingAt(props.pending, path),
      serverError: props.errors[path.join(".")], readOnly: props.readOnly }}
      onChange={(value) => props.onEdit(path, value)} onReset={() => props.onEdit(path, undefined)} onRevert={() => props.onRevert(path)} />
  );
}

export function ConfigSection(props: SectionProps) {
  const setHere = valueAt(props.file, [props.name]) !== undefined;
  return (
    <details className="card config-section" open={props.open} id={`config-section-${props.name}`}>
      <summary>
        <span className="config-section-label">{props.label}</span>
        <code className="config-section-name">{props.name}</code>
        {!setHere && <span className="badge badge-neutral">all defaults</span>}
        <span className="muted small">{props.schema.description}</span>
      </summary>
      <div className="config-fields"><Fields path={[props.name]} schema={props.schema} props={props} /></div>
    </details>
  );
}
