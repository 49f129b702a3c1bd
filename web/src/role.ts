// Who is signed in and with which role, set once from /auth/me: tabs hide the controls a role may not use (the API
// refuses them anyway — this only keeps the page honest about what will work).
export type StaffRole = "viewer" | "operator" | "admin";

let role: StaffRole = "admin";
let account: string | null = null;

export function setSignedIn(next: { role?: string; user?: string; accountBacked: boolean }) {
  role = next.role === "viewer" || next.role === "operator" ? next.role : "admin";
  account = next.accountBacked ? next.user || null : null;
}

/// Whether the signed-in role includes `needed` (viewer < operator < admin).
export function can(needed: StaffRole): boolean {
  const order: StaffRole[] = ["viewer", "operator", "admin"];
  return order.indexOf(role) >= order.indexOf(needed);
}

/// The signed-in account's name when the session belongs to an account (not a sign-in link or a token).
export function accountName(): string | null {
  return account;
}
