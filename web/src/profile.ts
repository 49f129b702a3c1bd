// Which profile the page is about: `?profile=NAME` in the address (absent: the default profile), carried on every
// tab link and on every API call that is about one profile's files. The machine-level calls (sign-in, events,
// the audit trail, the profile list and the views across profiles) go without it.
import { useEffect, useState } from "react";

const machinePaths = ["/auth", "/events", "/audit", "/profiles", "/machine", "/users"];

/// The profile named in the address, or "default".
export function currentProfile(): string {
  const named = new URLSearchParams(window.location.search).get("profile");
  return named && named.toLowerCase() !== "default" ? named.toLowerCase() : "default";
}

/// `path` (an API path under /api/v1) with the page's profile added where the call is about one profile.
export function withProfile(path: string): string {
  const profile = currentProfile();
  if (profile === "default" || machinePaths.some((prefix) => path === prefix || path.startsWith(prefix + "/") || path.startsWith(prefix + "?"))) {
    return path;
  }
  return path + (path.includes("?") ? "&" : "?") + "profile=" + encodeURIComponent(profile);
}

/// `search` (a page address's query string) with `profile` set, or removed for the default.
export function searchWithProfile(search: string, profile: string): string {
  const params = new URLSearchParams(search);
  if (profile === "default") params.delete("profile"); else params.set("profile", profile);
  const text = params.toString();
  return text ? "?" + text : "";
}

/// The page's profile, re-read whenever the address changes.
export function useProfile(): string {
  const [profile, setProfile] = useState(currentProfile());
  useEffect(() => {
    const update = () => setProfile(currentProfile());
    window.addEventListener("popstate", update);
    return () => window.removeEventListener("popstate", update);
  }, []);
  return profile;
}
