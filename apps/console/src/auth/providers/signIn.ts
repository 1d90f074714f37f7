import type { AuthProviderId, SessionInfo } from '@qd/contracts';
import type { SessionRecord } from '@qd/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { auditAuth, type AuthContext } from '../context';
import { startSession } from '../startSession';

/**
 * Starts the session of a user a provider has identified, through the one `startSession` every
 * path shares (fresh id, MFA policy, cookie, audit). The provider itself proved no second
 * factor: a user with TOTP passes the TOTP step before anything else (`POST /auth/mfa/verify`),
 * and a user whose role requires MFA enrols first.
 */
export function signIn(
  ctx: AuthContext,
  req: FastifyRequest,
  reply: FastifyReply,
  user: { id: string; username: string; role: string; mfaEnrolled: boolean },
  provider: AuthProviderId,
  session: Pick<SessionRecord, 'oidc'> = {},
  detail: Record<string, unknown> = {},
): Promise<SessionInfo> {
  return startSession(ctx, req, reply, user, {
    provider,
    mfa: null,
    session,
    detail,
  });
}

/** Audits a refused sign-in through a provider (before the error is sent). */
export function auditSignInFailure(
  ctx: AuthContext,
  req: FastifyRequest,
  actor: string,
  provider: AuthProviderId,
  code: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  return auditAuth(ctx, req, {
    actor,
    action: 'auth.login',
    outcome: 'failure',
    detail: { provider, code, ...detail },
  });
}
