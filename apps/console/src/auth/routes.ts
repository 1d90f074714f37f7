import { LoginRequest } from '@qd/contracts';
import { AppError, schema, type Database } from '@qd/platform';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AuditLog } from '../audit/auditLog';
import { auditSuccess } from '../http/guard';
import type { LoginLimiter } from './loginLimiter';
import { verifyPassword } from './passwords';
import { SESSION_COOKIE, type Sessions } from './sessions';

export interface AuthRouteDeps {
  db: Database;
  sessions: Sessions;
  audit: AuditLog;
  secureCookies: boolean;
  limiter: LoginLimiter;
  /** Closes the live sockets of a session that ended. */
  revokeSockets: (sessionId: string, reason: string) => void;
}

/** Basic login (argon2id), session info and logout. */
export function registerAuthRoutes(app: FastifyInstance, d: AuthRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: d.secureCookies,
    signed: true,
  };

  r.post(
    '/api/v1/auth/login',
    { config: { permission: 'public', action: 'auth.login' }, schema: { body: LoginRequest } },
    async (req, reply) => {
      const blockedMs = await d.limiter.blockedFor(req.body.username, req.ip);
      if (blockedMs > 0) {
        const minutes = Math.ceil(blockedMs / 60_000);
        void reply.header('retry-after', String(Math.ceil(blockedMs / 1000)));
        throw new AppError(
          'RATE_LIMITED',
          `Too many failed sign-ins from this address. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        );
      }
      const [user] = await d.db
        .select()
        .from(schema.users)
        .where(eq(schema.users.username, req.body.username));
      const ok = await verifyPassword(
        user && !user.disabled ? user.passwordHash : null,
        req.body.password,
      );
      if (!user || !ok) {
        await d.audit.write({
          actor: req.body.username,
          action: 'auth.login',
          outcome: 'failure',
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
          requestId: req.id,
          detail: { code: 'INVALID_CREDENTIALS' },
        });
        req.audited = true;
        await d.limiter.recordFailure(req.body.username, req.ip);
        throw new AppError('INVALID_CREDENTIALS', 'Invalid username or password.');
      }
      // A previous session on this browser ends: the new one gets a fresh id (no fixation).
      if (req.session) await d.sessions.destroy(req.session.id);
      await d.limiter.recordSuccess(req.body.username, req.ip);
      const session = await d.sessions.create(user, req.ip, req.headers['user-agent'] ?? '');
      req.session = session;
      await auditSuccess(d.audit, req, user.id, null);
      void reply.setCookie(SESSION_COOKIE, session.id, cookieOptions);
      return d.sessions.info(session);
    },
  );

  r.get('/api/v1/auth/session', { config: { permission: 'public' } }, async (req) => {
    if (!req.session) throw new AppError('UNAUTHENTICATED', 'No session: sign in');
    return d.sessions.info(req.session);
  });

  r.post(
    '/api/v1/auth/logout',
    { config: { permission: 'portfolio:read', action: 'auth.logout' } },
    async (req, reply) => {
      const session = req.session!;
      await d.sessions.destroy(session.id);
      d.revokeSockets(session.id, 'logged out');
      await auditSuccess(d.audit, req, session.userId, null);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );
}
