// The Logs tab's record buffer as a reducer: pages loaded from the end, older pages put in front, streamed records
// appended without repeats, capped, and a count of what arrived while the reader was scrolled away.
import { LogPage, LogRecord } from "../../api";

export const maximumKept = 100000;

export interface LogBuffer {
  records: LogRecord[];
  cursor?: string;
  partial: boolean;
  error: string | null;
  loading: boolean;
  /// Whether the list follows the newest record (the reader has not scrolled up).
  pinned: boolean;
  /// Records streamed in while not pinned.
  missed: number;
}

export type LogBufferAction =
  | { type: "reset" }
  | { type: "loading" }
  | { type: "loaded"; page: LogPage; older: boolean }
  | { type: "failed"; message: string }
  | { type: "streamed"; incoming: LogRecord[] }
  | { type: "pin"; pinned: boolean };

export const emptyBuffer: LogBuffer = { records: [], partial: false, error: null, loading: false, pinned: true, missed: 0 };

export function logBuffer(state: LogBuffer, action: LogBufferAction): LogBuffer {
  switch (action.type) {
    case "reset":
      return { ...state, pinned: true, missed: 0 };
    case "loading":
      return { ...state, loading: true };
    case "loaded":
      return {
        ...state, loading: false, error: null, partial: action.page.partial, cursor: action.page.nextCursor ?? undefined,
        records: action.older ? action.page.items.concat(state.records) : action.page.items,
      };
    case "failed":
      return { ...state, loading: false, error: action.message };
    case "streamed": {
      const known = new Set(state.records.slice(-action.incoming.length - 50).map((record) => record.id));
      const fresh = action.incoming.filter((record) => !known.has(record.id));
      const next = state.records.concat(fresh);
      return {
        ...state,
        records: next.length > maximumKept ? next.slice(next.length - maximumKept) : next,
        missed: state.pinned ? state.missed : state.missed + action.incoming.length,
      };
    }
    case "pin":
      return { ...state, pinned: action.pinned, missed: action.pinned ? 0 : state.missed };
  }
}
