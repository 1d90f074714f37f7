/**
 * Calls `touch` on user activity at most once per `everyMs`. The server's idle timeout counts
 * requests, and a console that only watches pushes makes none: without this, someone reading
 * the grids all morning would be signed out mid-scroll. No activity, no touch: an unattended
 * screen still times out.
 */
export function activityKeepalive(
  touch: () => void,
  everyMs: number,
  now: () => number = Date.now,
): () => void {
  let last = now();
  return () => {
    const t = now();
    if (t - last < everyMs) return;
    last = t;
    touch();
  };
}

/** The login reason for a `revoked` frame: a timed-out session says so, anything else was ended. */
export function revokedReason(serverReason: string): 'expired' | 'revoked' {
  return /expired/i.test(serverReason) ? 'expired' : 'revoked';
}
