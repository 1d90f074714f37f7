import type { AuthProviderId, Role, SessionInfo } from '@qd/contracts';
import type { SessionRecord } from '@qd/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clientOf } from '../http/guard';
import { auditAuth, setSessionCookie, type AuthContext } from './context';

/**
 * Signs a user in after a provider has authenticated them: ends the browser's previous session,
 * creates a fresh one (new id: no fixation), applies the MFA policy, sets the cookie and audits
 * `auth.login` — before the response. Every provider ends its login with this.
 */
export async function startSession(
  ctx: AuthContext,
  req: FastifyRequest,
  reply: FastifyReply,
  user: { id: string; username: string; role: string },
  how: {
    provider: AuthProviderId;
    mfa: 'totp' | 'recovery' | null;
    mfaEnrolled: boolean;
    /** Provider data kept in the session (OIDC tokens). */
    session?: Pick<SessionRecord, 'oidc'>;
    /** Extra audit detail (IdP issuer and subject, certificate subject). */
    detail?: Record<string, unknown>;
  },
): Promise<SessionInfo> {
  if (req.session) {
    await ctx.sessions.destroy(req.session.id);
    await ctx.revocations.publish([req.session.handle], 'signed in again');
  }
  const enrolmentRequired = !how.mfaEnrolled && ctx.mfaRequiredRoles.includes(user.role as Role);
  const session = await ctx.sessions.create(
    user,
    clientOf(req),
    { verified: how.mfa !== null, enrolmentRequired },
    { provider: how.provider, ...how.session },
  );
  req.session = session;
  await auditAuth(ctx, req, {
    action: 'auth.login',
    target: user.id,
    outcome: 'success',
    detail: {
      provider: how.provider,
      mfa: how.mfa,
      mfaEnrolmentRequired: enrolmentRequired,
      ...how.detail,
    },
  });
  setSessionCookie(ctx, reply, session.id);
  return ctx.sessions.info(session);
}
