import { LoginRequest } from '@qd/contracts';
import { AppError, schema } from '@qd/platform';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditAuth, clearSessionCookie, type AuthContext } from './context';
import { verifyPassword } from './passwords';
import { startSession } from './startSession';

/** "2 minutes" / "40 seconds": how long until another attempt is allowed. */
function waitText(ms: number): string {
  if (ms >= 60_000) {
    const m = Math.ceil(ms / 60_000);
    return `${m} minute${m === 1 ? '' : 's'}`;
  }
  const s = Math.ceil(ms / 1000);
  return `${s} second${s === 1 ? '' : 's'}`;
}

/** Basic login (argon2id, then TOTP or a recovery code when enrolled), session info and logout. */
export function registerAuthRoutes(app: FastifyInstance, ctx: AuthContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** Audits a refused sign-in, counts it against the limiter and throws the clear error. */
  async function refuse(req: FastifyRequest, username: string, error: AppError): Promise<never> {
    await auditAuth(ctx, req, {
      actor: username,
      action: 'auth.login',
      target: null,
      outcome: 'failure',
      reason: error.detail,
      detail: { code: error.code, provider: 'basic' },
    });
    if (error.code !== 'MFA_REQUIRED' && error.code !== 'ACCOUNT_DISABLED')
      await ctx.limiter.recordFailure(username, req.ip);
    throw error;
  }

  r.post(
    '/api/v1/auth/login',
    { config: { permission: 'public', action: 'auth.login' }, schema: { body: LoginRequest } },
    async (req, reply) => {
      const { username, password, totp, recoveryCode } = req.body;
      const blockedMs = await ctx.limiter.blockedFor(username, req.ip);
      if (blockedMs > 0) {
        void reply.header('retry-after', String(Math.ceil(blockedMs / 1000)));
        await auditAuth(ctx, req, {
          actor: username,
          action: 'auth.login',
          outcome: 'denied',
          reason: 'too many failed sign-ins (locked out)',
          detail: { code: 'RATE_LIMITED', retryAfterMs: blockedMs },
        });
        throw new AppError(
          'RATE_LIMITED',
          `Too many failed sign-ins from this address. Try again in ${waitText(blockedMs)}.`,
        );
      }
      const [user] = await ctx.db
        .select()
        .from(schema.users)
        .where(eq(schema.users.username, username));
      const ok = await verifyPassword(user ? user.passwordHash : null, password);
      if (!user || !ok)
        return refuse(
          req,
          username,
          new AppError('INVALID_CREDENTIALS', 'Invalid username or password.'),
        );
      // Said only to someone who knows the password: no account-state oracle for guessers.
      if (user.disabled)
        return refuse(
          req,
          username,
          new AppError(
            'ACCOUNT_DISABLED',
            'This account is disabled. Ask an administrator to enable it.',
          ),
        );
      let mfa: 'totp' | 'recovery' | null = null;
      if (user.totpSecret) {
        if (!totp && !recoveryCode)
          return refuse(
            req,
            username,
            new AppError('MFA_REQUIRED', 'Enter the 6-digit code from your authenticator app.'),
          );
        const accepted = totp
          ? await ctx.mfa.verifyTotp(user.id, totp)
          : await ctx.mfa.useRecoveryCode(user.id, recoveryCode!);
        if (!accepted)
          return refuse(
            req,
            username,
            new AppError(
              'MFA_INVALID',
              totp
                ? 'That code is not valid or was already used. Wait for the next code and try again.'
                : 'That recovery code is not valid or was already used.',
            ),
          );
        mfa = totp ? 'totp' : 'recovery';
      }
      await ctx.limiter.recordSuccess(username, req.ip);
      return startSession(ctx, req, reply, user, {
        provider: 'basic',
        mfa,
      });
    },
  );

  r.get('/api/v1/auth/session', { config: { permission: 'public' } }, async (req) => {
    if (!req.session) throw new AppError('UNAUTHENTICATED', 'No session: sign in');
    return ctx.sessions.info(req.session);
  });

  r.post(
    '/api/v1/auth/logout',
    {
      config: {
        permission: 'profile:self',
        action: 'auth.logout',
        duringMfaEnrolment: true,
        duringMfaVerification: true,
      },
    },
    async (req, reply) => {
      const session = req.session!;
      await ctx.sessions.destroy(session.id);
      await ctx.revocations.publish([session.handle], 'logged out');
      await auditAuth(ctx, req, {
        action: 'auth.logout',
        target: session.handle,
        outcome: 'success',
      });
      clearSessionCookie(ctx, reply);
      return reply.status(204).send();
    },
  );
}
