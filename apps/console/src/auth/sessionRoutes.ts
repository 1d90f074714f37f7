import { SessionHandleParams, SessionSummary } from '@qd/contracts';
import { AppError } from '@qd/platform';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditAuth, clearSessionCookie, endSessions, type AuthContext } from './context';

/** The signed-in user's own sessions: list ("this device"), end one, end all. */
export function registerSessionRoutes(app: FastifyInstance, ctx: AuthContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/auth/sessions',
    {
      config: { permission: 'profile:self' },
      schema: { response: { 200: z.array(SessionSummary) } },
    },
    async (req) => ctx.sessions.list(req.session!.userId, req.session!.handle),
  );

  // Only the caller's own sessions are found: another user's handle is simply not there (no IDOR).
  r.delete(
    '/api/v1/auth/sessions/:handle',
    {
      config: { permission: 'profile:self', action: 'session.revoke' },
      schema: { params: SessionHandleParams },
    },
    async (req, reply) => {
      const me = req.session!;
      const ended = await endSessions(ctx, me.userId, 'session ended from another device', {
        handle: req.params.handle,
      });
      if (!ended.length) throw new AppError('NOT_FOUND', 'You have no session with that id');
      await auditAuth(ctx, req, {
        action: 'session.revoke',
        target: req.params.handle,
        outcome: 'success',
      });
      if (req.params.handle === me.handle) clearSessionCookie(ctx, reply);
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/auth/logout-all',
    { config: { permission: 'profile:self', action: 'auth.logout_all', duringMfaEnrolment: true } },
    async (req, reply) => {
      const me = req.session!;
      const ended = await endSessions(ctx, me.userId, 'logged out everywhere');
      await auditAuth(ctx, req, {
        action: 'auth.logout_all',
        target: me.userId,
        outcome: 'success',
        detail: { ended: ended.length },
      });
      clearSessionCookie(ctx, reply);
      return reply.status(204).send();
    },
  );
}
