import { describe, expect, it } from 'vitest';
import { activityKeepalive, revokedReason } from './activityKeepalive';

describe('activity keepalive', () => {
  it('touches the session at most once per interval, and only on activity', () => {
    let t = 0;
    let touches = 0;
    const onActivity = activityKeepalive(
      () => touches++,
      60_000,
      () => t,
    );
    t = 10_000;
    onActivity();
    expect(touches).toBe(0);
    t = 60_000;
    onActivity();
    onActivity();
    expect(touches).toBe(1);
    t = 119_999;
    onActivity();
    expect(touches).toBe(1);
    t = 120_000;
    onActivity();
    expect(touches).toBe(2);
  });

  it('tells a timed-out session from one ended by someone', () => {
    expect(revokedReason('session expired or ended')).toBe('expired');
    expect(revokedReason('role changed: sign in again')).toBe('revoked');
    expect(revokedReason('logged out everywhere')).toBe('revoked');
  });
});
