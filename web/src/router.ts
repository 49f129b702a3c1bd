// A tiny history-API router: the path under the base path names the tab.
import { useEffect, useState } from "react";
import { basePath } from "./api";
import { currentProfile, searchWithProfile } from "./profile";

export function currentPath(): string {
  const path = window.location.pathname.slice(basePath.length) || "/";
  return path === "" ? "/" : path;
}

/// `path` as an address under the base path, keeping the page's profile unless `path` names one itself.
export function hrefFor(path: string, profile: string = currentProfile()): string {
  const [bare, search = ""] = path.split("?");
  const params = new URLSearchParams(search);
  return basePath + bare + (params.has("profile") ? "?" + params.toString() : searchWithProfile(search, profile));
}

export function navigate(path: string, options: { replace?: boolean } = {}) {
  const url = hrefFor(path);
  if (options.replace) window.history.replaceState({}, "", url);
  else window.history.pushState({}, "", url);
  window.dispatchEvent(new PopStateEvent("popstate"));
}

/// The current query parameters (the part of the address after `?`).
export function useSearchParams(): URLSearchParams {
  const [search, setSearch] = useState(window.location.search);
  useEffect(() => {
    const update = () => setSearch(window.location.search);
    window.addEventListener("popstate", update);
    return () => window.removeEventListener("popstate", update);
  }, []);
  return new URLSearchParams(search);
}

export function usePath(): string {
  const [path, setPath] = useState(currentPath());
  useEffect(() => {
    const update = () => setPath(currentPath());
    window.addEventListener("popstate", update);
    return () => window.removeEventListener("popstate", update);
  }, []);
  return path;
}
