// Reading the server's JSON Schema for config.yaml: what kind of input a value needs, and the same checks the
// server makes (types, choices, ranges), so mistakes show beside the field before anything is sent.
import { Json, JsonSchema } from "../../api";

export type FieldKind = "boolean" | "choice" | "text" | "integer" | "number" | "list" | "group" | "map" | "model" | "approvalMode";

export function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((name) => name !== "null") : schema.type;
}

export function fieldKind(path: string[], schema: JsonSchema): FieldKind {
  if (path.join(".") === "model" && schema.anyOf) return "model";
  if (path.join(".") === "approvals.mode" && schema.anyOf) return "approvalMode";
  const type = typeOf(schema);
  if (type === "boolean") return "boolean";
  if (type === "string") return schema.enum ? "choice" : "text";
  if (type === "integer") return "integer";
  if (type === "number") return "number";
  if (type === "array") return "list";
  if (type === "object") return schema.properties ? "group" : "map";
  return "text";
}

export function valueAt(root: Json | undefined, path: string[]): Json | undefined {
  let current: Json | undefined = root;
  for (const key of path) {
    if (!current || typeof current !== "object" || Array.isArray(current) || !(key in current)) return undefined;
    current = (current as { [key: string]: Json })[key];
  }
  return current;
}

function describe(value: Json): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return typeof value === "string" ? "a string" : typeof value === "number" ? "a number" : "true or false";
}

/// The server's message for `value` at a leaf described by `schema`, or null when it is fine.
export function problemWith(schema: JsonSchema, value: Json): string | null {
  if (schema.anyOf) {
    const problems = schema.anyOf.map((option) => problemWith(option, value));
    return problems.some((problem) => problem === null) ? null : problems[0];
  }
  const type = typeOf(schema);
  const nullable = Array.isArray(schema.type) && schema.type.includes("null");
  if (value === null) return nullable ? null : `must be ${type === "string" ? "a string" : "set"}, not null`;
  switch (type) {
    case "string":
      if (typeof value !== "string") return `must be a string, not ${describe(value)}`;
      if (schema.enum && !schema.enum.includes(value)) return `must be one of ${schema.enum.join(", ")}`;
      return null;
    case "integer":
    case "number":
      if (typeof value !== "number" || (type === "integer" && !Number.isInteger(value))) return `must be ${type === "integer" ? "a whole number" : "a number"}`;
      if (schema.minimum !== undefined && value < schema.minimum) return `must be at least ${schema.minimum}`;
      if (schema.maximum !== undefined && value > schema.maximum) return `must be at most ${schema.maximum}`;
      return null;
    case "boolean":
      return typeof value === "boolean" ? null : "must be true or false";
    case "array":
      if (!Array.isArray(value)) return `must be a list, not ${describe(value)}`;
      for (const item of value) { const problem = schema.items ? problemWith(schema.items, item) : null; if (problem) return "every item " + problem; }
      return null;
    case "object":
      return value && typeof value === "object" && !Array.isArray(value) ? null : `must be a mapping, not ${describe(value)}`;
    default:
      return null;
  }
}
