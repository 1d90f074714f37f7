import type { Role, SessionInfo } from '@qd/contracts';
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
  how: { provider: string; mfa: 'totp' | 'recovery' | null; mfaEnrolled: boolean },
): Promise<SessionInfo> {
  if (req.session) {
    await ctx.sessions.destroy(req.session.id);
    await ctx.revocations.publish([req.session.handle], 'signed in again');
  }
  const enrolmentRequired = !how.mfaEnrolled && ctx.mfaRequiredRoles.includes(user.role as Role);
  const session = await ctx.sessions.create(user, clientOf(req), {
    verified: how.mfa !== null,
    enrolmentRequired,
  });
  req.session = session;
  await auditAuth(ctx, req, {
    action: 'auth.login',
    target: user.id,
    outcome: 'success',
    detail: { provider: how.provider, mfa: how.mfa, mfaEnrolmentRequired: enrolmentRequired },
  });
  setSessionCookie(ctx, reply, session.id);
  return ctx.sessions.info(session);
}
