// The header's profile switcher: every profile on the machine, the current one from the address. Switching keeps
// the tab and puts the profile in the URL, so a link or a reload shows the same profile.
import React from "react";
import { api } from "../api";
import { useEvent } from "../events";
import { navigate } from "../router";
import { searchWithProfile, useProfile } from "../profile";
import { useLoader } from "./useLoader";

export function ProfileSwitcher({ tabPath }: { tabPath: string }) {
  const profile = useProfile();
  const [nudge, setNudge] = React.useState(0);
  useEvent("profiles.changed", () => setNudge((value) => value + 1), []);
  const profiles = useLoader(() => api.profiles(), [nudge]);
  const names = profiles.data ? profiles.data.items.map((item) => item.name) : [profile];
  if (names.length <= 1 && profile === "default") return null;
  return (
    <label className="profile-switcher">
      <span className="muted small">Profile</span>
      <select aria-label="Profile" value={profile} data-testid="profile-switcher"
        onChange={(event) => navigate(tabPath + searchWithProfile("", event.target.value))}>
        {(names.includes(profile) ? names : [...names, profile]).map((name) => <option key={name} value={name}>{name}</option>)}
      </select>
    </label>
  );
}

/// A stripe and a label on every page that is not about the default profile, so nobody edits the wrong one.
export function ProfileMarker() {
  const profile = useProfile();
  if (profile === "default") return null;
  return <span className="profile-marker" role="note" data-testid="profile-marker">Profile <strong>{profile}</strong></span>;
}
