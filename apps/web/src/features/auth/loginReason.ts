/** Why the login page is shown, carried in `?reason=`. */
export type LoginReason = 'expired' | 'revoked' | 'unreachable' | 'signed-out';

const MESSAGES: Record<LoginReason, string> = {
  expired: 'Your session has expired. Sign in again to continue.',
  revoked: 'Your session was ended by the server. Sign in again to continue.',
  unreachable: 'Cannot reach the server. Check that Quarterdeck is running, then sign in.',
  'signed-out': 'You are signed out.',
};

export function loginReasonMessage(reason: LoginReason | undefined): string | null {
  return reason ? MESSAGES[reason] : null;
}

export function parseLoginSearch(search: Record<string, unknown>): { reason?: LoginReason } {
  const r = search.reason;
  return typeof r === 'string' && r in MESSAGES ? { reason: r as LoginReason } : {};
}
