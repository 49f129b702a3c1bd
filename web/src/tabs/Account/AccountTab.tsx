// Account: the signed-in person's own password, second factor (TOTP with recovery codes) and sign-ins.
import React, { useState } from "react";
import { api, MyAccount, SecondFactorEnrollment } from "../../api";
import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { QRCode } from "../../ui/QRCode";
import { relativeTime } from "../../format";
import { describeError, useLoader } from "../../ui/useLoader";

export function AccountTab({ onEnrolled }: { onEnrolled?: () => void }) {
  const [generation, setGeneration] = useState(0);
  const reload = () => setGeneration((value) => value + 1);
  const account = useLoader(() => api.myAccount(), [generation]);
  const sessions = useLoader(() => api.mySessions(), [generation]);
  if (account.error && !account.data) return <div className="alert alert-bad" role="alert">{account.error}</div>;
  if (!account.data) return <p className="loading">Loading your account…</p>;
  const me = account.data;
  return (
    <div className="account">
      <section className="card" aria-label="Who you are">
        <p><strong>{me.name}</strong> · <span className="badge badge-neutral" data-testid="my-role">{me.role}</span>
          {me.lastSignInAt && <span className="muted small"> · signed in {relativeTime(me.lastSignInAt)}</span>}</p>
      </section>
      <SecondFactor me={me} onChanged={reload} onContinue={onEnrolled} />
      <PasswordForm onChanged={reload} />
      <section className="card" aria-label="Your sign-ins">
        <h2>Sign-ins</h2>
        {sessions.error && <div className="alert alert-bad">{sessions.error}</div>}
        <SignInList items={sessions.data?.items || []} onEnd={(id) => api.endMySession(id).then(reload)} />
      </section>
    </div>
  );
}

export function SignInList({ items, onEnd, showUser }: {
  items: { id: string; user: string; createdAt: string; lastSeenAt: string; address?: string; userAgent?: string; current: boolean }[];
  onEnd: (id: string) => Promise<unknown>; showUser?: boolean;
}) {
  const [error, setError] = useState<string | null>(null);
  if (!items.length) return <p className="muted">No sign-ins.</p>;
  return (
    <>
      {error && <div className="alert alert-bad" role="alert">{error}</div>}
      <ul className="signin-list">
        {items.map((item) => (
          <li key={item.id} className="signin-row" data-signin={item.id}>
            <div className="signin-text">
              {showUser && <strong>{item.user} </strong>}
              <span>{item.address || "unknown address"}</span>
              <span className="muted small"> · {item.userAgent ? item.userAgent.slice(0, 80) : "unknown browser"}</span>
              <span className="muted small"> · since {relativeTime(item.createdAt)}, last used {relativeTime(item.lastSeenAt)}</span>
              {item.current && <span className="badge badge-good">this one</span>}
            </div>
            {!item.current && (
              <button type="button" className="button danger-outline small-button" onClick={() => onEnd(item.id).catch((caught) => setError(describeError(caught)))}>
                End</button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/// `onContinue`: set while the session may do nothing but enroll; offered once the recovery codes are shown.
function SecondFactor({ me, onChanged, onContinue }: { me: MyAccount; onChanged: () => void; onContinue?: () => void }) {
  const [enrollment, setEnrollment] = useState<SecondFactorEnrollment | null>(null);
  const [code, setCode] = useState("");
  const [codes, setCodes] = useState<string[] | null>(null);
  const [asking, setAsking] = useState<"renew" | "remove" | null>(null);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const fail = (caught: unknown) => setError(describeError(caught));
  const start = () => { setError(null); api.beginSecondFactor().then(setEnrollment, fail); };
  const confirm = (event: React.FormEvent) => {
    event.preventDefault();
    api.confirmSecondFactor(code.trim()).then((answer) => { setCodes(answer.recoveryCodes); setEnrollment(null); setCode(""); onChanged(); }, fail);
  };
  const proven = () => {
    const action = asking === "renew" ? api.renewRecoveryCodes(password).then((answer) => setCodes(answer.recoveryCodes)) : api.removeSecondFactor(password);
    action.then(() => { setAsking(null); setPassword(""); onChanged(); }, (caught) => { setAsking(null); setPassword(""); fail(caught); });
  };
  return (
    <section className="card second-factor" aria-label="Second factor">
      <h2>Second factor</h2>
      {me.secondFactorRequired && !me.secondFactor && (
        <div className="alert alert-warn" role="status">Your role must use a second factor: set it up to use the workspace.</div>
      )}
      {error && <div className="alert alert-bad" role="alert">{error}</div>}
      {codes && (
        <div className="alert alert-good" role="status" data-testid="recovery-codes">
          <p>Recovery codes — each works once in place of a code if the phone is lost. They are shown only now:</p>
          <ul className="recovery-codes">{codes.map((item) => <li key={item}><code>{item}</code></li>)}</ul>
          <div className="form-actions">
            <button type="button" className="button ghost small-button" onClick={() => navigator.clipboard?.writeText(codes.join("\n"))}>Copy</button>
            {onContinue && <button type="button" className="button" onClick={onContinue}>Continue to the workspace</button>}
          </div>
        </div>
      )}
      {me.secondFactor ? (
        <>
          <p>On: signing in asks for a 6-digit code from your authenticator app. {me.recoveryCodesLeft} recovery code{me.recoveryCodesLeft === 1 ? "" : "s"} left.</p>
          <div className="form-actions">
            <button type="button" className="button ghost" onClick={() => setAsking("renew")}>New recovery codes</button>
            {!me.secondFactorRequired && <button type="button" className="button danger-outline" onClick={() => setAsking("remove")}>Remove</button>}
          </div>
        </>
      ) : enrollment ? (
        <form className="enrollment" onSubmit={confirm} aria-label="Set up the second factor">
          <QRCode text={enrollment.uri} label="QR code for your authenticator app" />
          <div>
            <p>Scan it with an authenticator app, or type this secret:</p>
            <p><code className="totp-secret" data-testid="totp-secret">{enrollment.secret.replace(/(.{4})/g, "$1 ").trim()}</code></p>
            <label className="field"><span>The 6-digit code it shows</span>
              <input className="input" id="totp-code" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(event) => setCode(event.target.value)} /></label>
            <div className="form-actions"><button className="button" type="submit" disabled={code.trim().length < 6}>Turn on</button></div>
          </div>
        </form>
      ) : (
        <>
          <p>Off: signing in needs only the password.</p>
          <button type="button" className="button" onClick={start}>Set up</button>
        </>
      )}
      {asking && (
        <ConfirmDialog title={asking === "renew" ? "New recovery codes" : "Remove the second factor?"} confirmLabel={asking === "renew" ? "Make new codes" : "Remove"}
          onConfirm={proven} onCancel={() => { setAsking(null); setPassword(""); }}>
          <label className="field"><span>Your password</span>
            <input className="input" type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} /></label>
        </ConfirmDialog>
      )}
    </section>
  );
}

function PasswordForm({ onChanged }: { onChanged: () => void }) {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    api.changeMyPassword(current, next).then(() => { setCurrent(""); setNext(""); setNotice("Password changed; your other sign-ins ended."); onChanged(); },
      (caught) => setError(describeError(caught)));
  };
  return (
    <form className="card password-form" onSubmit={submit} aria-label="Change your password">
      <h2>Password</h2>
      <label className="field"><span>Current password</span>
        <input className="input" type="password" autoComplete="current-password" value={current} onChange={(event) => setCurrent(event.target.value)} /></label>
      <label className="field"><span>New password (at least 12 characters)</span>
        <input className="input" type="password" autoComplete="new-password" value={next} onChange={(event) => setNext(event.target.value)} /></label>
      {notice && <div className="alert alert-good" role="status">{notice}</div>}
      {error && <div className="alert alert-bad" role="alert">{error}</div>}
      <div className="form-actions"><button className="button" type="submit" disabled={!current || next.length < 12}>Change password</button></div>
    </form>
  );
}
