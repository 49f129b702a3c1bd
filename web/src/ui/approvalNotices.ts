// Opt-in notice of new approval requests while a workspace page is open: a system notification (Notification API,
// after the browser's own permission prompt) and a short tone. The choice is this browser's, kept in localStorage.
const key = "hermes.approvalNotices";

export function noticesWanted(): boolean {
  try { return window.localStorage.getItem(key) === "on"; } catch { return false; }
}

export function noticesSupported(): boolean {
  return typeof window !== "undefined" && "Notification" in window;
}

/// Asks the browser for permission and remembers the answer; resolves to whether notices are now on.
export async function turnNoticesOn(): Promise<boolean> {
  if (!noticesSupported()) return false;
  const permission = Notification.permission === "granted" ? "granted" : await Notification.requestPermission();
  const on = permission === "granted";
  try { window.localStorage.setItem(key, on ? "on" : "off"); } catch { /* private mode: nothing kept */ }
  return on;
}

export function turnNoticesOff() {
  try { window.localStorage.setItem(key, "off"); } catch { /* nothing kept */ }
}

function tone() {
  try {
    const context = new AudioContext();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = 880;
    gain.gain.setValueAtTime(0.08, context.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.0001, context.currentTime + 0.35);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start();
    oscillator.stop(context.currentTime + 0.35);
    oscillator.onended = () => { void context.close(); };
  } catch { /* no audio output */ }
}

/// Tells the operator that `added` new requests wait (`summary`: the newest one's tool and description).
export function announceRequests(added: number, summary: string, link: string) {
  if (!noticesWanted() || !noticesSupported() || Notification.permission !== "granted" || added <= 0) return;
  const notice = new Notification(added === 1 ? "Hermes: approval needed" : `Hermes: ${added} approvals needed`, {
    body: summary, tag: "hermes-approvals", requireInteraction: true,
  });
  notice.onclick = () => { window.focus(); window.location.assign(link); notice.close(); };
  tone();
}
