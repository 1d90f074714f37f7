import type { AuthProviderId, Role, SessionInfo } from '@qd/contracts';
import { AppError, schema, type SessionRecord } from '@qd/platform';
import { eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clientOf } from '../http/guard';
import { auditAuth, setSessionCookie, type AuthContext } from './context';

/**
 * Signs a user in after a provider has authenticated them: ends the browser's previous session,
 * creates a fresh one (new id: no fixation), applies the MFA policy, sets the cookie and audits
 * `auth.login` — before the response. Every provider ends its login with this.
 * The user is read again here, so every path shares the same rules: a disabled user is refused,
 * a user with TOTP who proved no second factor gets a session that can only pass the TOTP step,
 * and the user's strategy scope goes into the session.
 */
export async function startSession(
  ctx: AuthContext,
  req: FastifyRequest,
  reply: FastifyReply,
  user: { id: string; username: string; role: string },
  how: {
    provider: AuthProviderId;
    mfa: 'totp' | 'recovery' | null;
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
  const [row] = await ctx.db.select().from(schema.users).where(eq(schema.users.id, user.id));
  if (!row || row.disabled)
    throw new AppError(
      'ACCOUNT_DISABLED',
      'This account is disabled. Ask an administrator to enable it.',
    );
  const enrolled = row.totpSecret !== null;
  const enrolmentRequired = !enrolled && ctx.mfaRequiredRoles.includes(user.role as Role);
  const verificationRequired = enrolled && how.mfa === null;
  const session = await ctx.sessions.create(
    user,
    clientOf(req),
    { verified: how.mfa !== null, enrolmentRequired, verificationRequired },
    {
      provider: how.provider,
      ...how.session,
      ...(row.strategyScope && row.role !== 'admin' ? { strategyScope: row.strategyScope } : {}),
    },
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
      mfaVerificationRequired: verificationRequired,
      ...how.detail,
    },
  });
  setSessionCookie(ctx, reply, session.id);
  return ctx.sessions.info(session);
}
