import type { SessionInfo } from '@qd/contracts';

/** Why the login page is shown, carried in `?reason=`. */
export type LoginReason =
  | 'expired'
  | 'revoked'
  | 'unreachable'
  | 'signed-out'
  | 'sso-failed'
  | 'sso-no-role'
  | 'sso-unavailable';

const MESSAGES: Record<LoginReason, string> = {
  expired: 'Your session has expired. Sign in again to continue.',
  revoked: 'Your session was ended by the server. Sign in again to continue.',
  unreachable: 'Cannot reach the server. Check that Quarterdeck is running, then sign in.',
  'signed-out': 'You are signed out.',
  'sso-failed':
    'Sign-in with your identity provider failed. Start again; if it keeps failing, an administrator can see the cause in the audit log.',
  'sso-unavailable':
    'The identity provider cannot be reached right now. Try again shortly, or use another sign-in method.',
  'sso-no-role':
    'Your identity provider account has no Quarterdeck role. Ask an administrator to grant one.',
};

export function loginReasonMessage(reason: LoginReason | undefined): string | null {
  return reason ? MESSAGES[reason] : null;
}

export function parseLoginSearch(search: Record<string, unknown>): { reason?: LoginReason } {
  const r = search.reason;
  // own keys only: `?reason=toString` is not a reason
  return typeof r === 'string' && Object.hasOwn(MESSAGES, r) ? { reason: r as LoginReason } : {};
}

/** The `?reason=` of the current address, for the login page rendered without the router. */
export function reasonFromLocation(): LoginReason | undefined {
  return parseLoginSearch(Object.fromEntries(new URLSearchParams(window.location.search))).reason;
}

/** Where a new session goes first: the code step, MFA enrolment, or the dashboard. */
export function signedInPath(session: SessionInfo): '/verify-mfa' | '/enrol-mfa' | '/' {
  if (session.mfa.verificationRequired) return '/verify-mfa';
  if (session.mfa.enrolmentRequired) return '/enrol-mfa';
  return '/';
}
