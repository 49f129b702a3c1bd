// Loads data for the current inputs and keeps the last good value, with the error as text.
import { useEffect, useState } from "react";
import { ApiError } from "../api";

export interface Loaded<T> { data: T | null; error: string | null; loading: boolean }

export function describeError(caught: unknown): string {
  return caught instanceof ApiError ? `${caught.body.message} (${caught.status})` : "The workspace server is not answering.";
}

export function useLoader<T>(load: () => Promise<T>, inputs: unknown[]): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null, loading: true });
  useEffect(() => {
    let cancelled = false;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => { if (!cancelled) setState({ data, error: null, loading: false }); },
      (caught) => { if (!cancelled) setState((previous) => ({ data: previous.data, error: describeError(caught), loading: false })); },
    );
    return () => { cancelled = true; };
  }, inputs);
  return state;
}
