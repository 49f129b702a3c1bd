// Edits made in the form but not saved yet: one operation per path, newest wins.
import { ConfigOperation, Json } from "../../api";

export type Pending = Map<string, ConfigOperation>;

export const pathKey = (path: string[]) => JSON.stringify(path);

export function withEdit(pending: Pending, path: string[], value: Json | undefined): Pending {
  const next = new Map(pending);
  next.set(pathKey(path), value === undefined ? { path, delete: true } : { path, value });
  return next;
}

export function withoutEdit(pending: Pending, path: string[]): Pending {
  const next = new Map(pending);
  next.delete(pathKey(path));
  return next;
}

/// The pending value at `path`: `{ value }` for a set, `{ deleted: true }` for a delete, null when untouched.
export function pendingAt(pending: Pending, path: string[]): { value?: Json; deleted?: boolean } | null {
  const operation = pending.get(pathKey(path));
  if (!operation) return null;
  return "delete" in operation ? { deleted: true } : { value: operation.value };
}
