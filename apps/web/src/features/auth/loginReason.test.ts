import type { SessionInfo } from '@qd/contracts';
import { describe, expect, it } from 'vitest';
import { parseLoginSearch, signedInPath } from './loginReason';

const session = (mfa: { enrolmentRequired: boolean; verificationRequired?: boolean }) =>
  ({ mfa }) as unknown as SessionInfo;

describe('login page routing', () => {
  it('sends a new session to the code step, then enrolment, else the dashboard', () => {
    expect(signedInPath(session({ enrolmentRequired: true, verificationRequired: true }))).toBe(
      '/verify-mfa',
    );
    expect(signedInPath(session({ enrolmentRequired: true }))).toBe('/enrol-mfa');
    expect(signedInPath(session({ enrolmentRequired: false, verificationRequired: false }))).toBe(
      '/',
    );
  });

  it('keeps only a known reason from the address', () => {
    expect(parseLoginSearch({ reason: 'revoked' })).toEqual({ reason: 'revoked' });
    expect(parseLoginSearch({ reason: 'toString' })).toEqual({});
    expect(parseLoginSearch({})).toEqual({});
  });
});
