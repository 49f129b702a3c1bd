import React, { useEffect, useState } from "react";
import { api, AuthState, rememberCSRF } from "./api";
import { SignIn } from "./ui/SignIn";
import { navigate, usePath } from "./router";
import { tabFor, tabs } from "./tabs";
import { Sidebar } from "./ui/Sidebar";
import { ThemeToggle } from "./ui/ThemeToggle";
import { SignInLink } from "./ui/SignInLink";
import { LiveIndicator } from "./ui/LiveIndicator";
import { startEvents } from "./events";
import { usePendingApprovals } from "./usePendingApprovals";
import { ProfileMarker, ProfileSwitcher } from "./ui/ProfileSwitcher";
import { RestartBanner } from "./ui/RestartBanner";
import { useProfile } from "./profile";
import { setAgentZone } from "./time";
import { setSignedIn } from "./role";
import { AccountTab } from "./tabs/Account/AccountTab";

export function App() {
  const path = usePath();
  const [auth, setAuth] = useState<AuthState | null>(null);
  const hasToken = auth?.authenticated === true;
  const refreshAuth = () => api.authState().then((state) => {
    rememberCSRF(state.authenticated ? state.csrfToken || null : null);
    // A password sign-in is an account; a one-time link is not (it has no password or second factor to manage).
    setSignedIn({ role: state.role, user: state.user, accountBacked: state.authenticated && state.signIn === "password" });
    setAuth(state);
  }, () => setAuth({ loginRequired: false, authenticated: false, signIn: "link" }));
  useEffect(() => { refreshAuth(); }, []);
  const active = tabFor(path);
  useEffect(() => { if (hasToken && !auth?.enrollOnly) startEvents(); }, [hasToken, auth?.enrollOnly]);
  useEffect(() => {
    // The bare base URL (and any unknown path) shows Status; say so in the address bar without a history entry.
    if (!active) navigate("/status", { replace: true });
  }, [active]);
  const tab = active || tabs[0];
  const pendingApprovals = usePendingApprovals(hasToken && !auth?.enrollOnly);
  const profile = useProfile();
  useEffect(() => {
    document.title = `${tab.label}${profile === "default" ? "" : ` · ${profile}`} · Hermes Workspace`;
  }, [tab.label, profile]);
  // The agent's zone (per profile) is what every time the agent schedules or records is shown in: known before a
  // tab shows its first time, so no time is ever shown in the wrong zone first.
  const [zoneFor, setZoneFor] = useState<string | null>(null);
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    if (!hasToken || auth?.enrollOnly) return;
    const settle = () => setZoneFor(profile);
    api.status().then((status) => { setAgentZone(status.workspace.agentTimeZone); setDemo(status.workspace.demoHome); settle(); }, settle);
  }, [hasToken, profile, auth?.enrollOnly]);
  return (
    <div className={profile === "default" ? "shell" : "shell shell-profile"}>
      <Sidebar active={tab.path} badges={{ "/approvals": pendingApprovals }} />
      <main className="content">
        <header className="topbar">
          <h1>{tab.label}{hasToken && <ProfileMarker />}</h1>
          <div className="topbar-actions">{hasToken && <ProfileSwitcher tabPath={tab.path} />}{hasToken && <LiveIndicator />}<ThemeToggle />
            {hasToken && (
              <button className="button ghost small-button" type="button"
                onClick={() => api.logout().finally(() => { rememberCSRF(null); window.location.reload(); })}>Sign out</button>
            )}
          </div>
        </header>
        {!hasToken ? (auth === null ? null : auth.signIn === "password" ? <SignIn onSignedIn={refreshAuth} /> : <SignInLink />)
          : auth?.enrollOnly ? <AccountTab onEnrolled={refreshAuth} />
          : zoneFor !== profile ? <div className="loading">Loading…</div>
          : <>
            {demo && <div className="alert alert-info demo-banner" role="note" data-testid="demo-home">Demo home: every session, key and figure here is made up (<code>hermes-workspace demo</code>). Point <code>--home</code> at your agent's home to see yours.</div>}
            <RestartBanner /><tab.render key={tab.path + "|" + profile} /></>}
      </main>
    </div>
  );
}
