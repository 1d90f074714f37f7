import {
  AdminActionRequest,
  ChangeRoleRequest,
  CreateUserRequest,
  UserIdParams,
  UserSummary,
} from '@qd/contracts';
import { AppError, schema } from '@qd/platform';
import { asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditAuth, endSessions, type AuthContext } from '../auth/context';
import { enforcePasswordPolicy } from '../auth/profileRoutes';
import { createUser } from '../auth/users';

function summary(u: typeof schema.users.$inferSelect): UserSummary {
  return {
    id: u.id,
    username: u.username,
    role: u.role as UserSummary['role'],
    disabled: u.disabled,
    mfaEnrolled: u.totpSecret !== null,
    createdAt: new Date(u.createdAt).toISOString(),
  };
}

/** Administration of users and roles; every change needs a fresh step-up and is audited. */
export function registerUserAdminRoutes(app: FastifyInstance, ctx: AuthContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function target(id: string) {
    const [u] = await ctx.db.select().from(schema.users).where(eq(schema.users.id, id));
    if (!u) throw new AppError('NOT_FOUND', 'No such user');
    return u;
  }

  r.get(
    '/api/v1/admin/users',
    { config: { permission: 'users:read' }, schema: { response: { 200: z.array(UserSummary) } } },
    async () =>
      (await ctx.db.select().from(schema.users).orderBy(asc(schema.users.username))).map(summary),
  );

  r.post(
    '/api/v1/admin/users',
    {
      config: { permission: 'users:write', action: 'user.create', stepUp: true },
      schema: { body: CreateUserRequest, response: { 201: UserSummary } },
    },
    async (req, reply) => {
      const { username, role, password } = req.body;
      enforcePasswordPolicy(password, username, 'password');
      const [taken] = await ctx.db
        .select({ id: schema.users.id })
        .from(schema.users)
        .where(eq(schema.users.username, username));
      if (taken) throw new AppError('USERNAME_TAKEN', `The username ${username} is taken`);
      const id = await createUser(ctx.db, username, password, role);
      await auditAuth(ctx, req, {
        action: 'user.create',
        target: id,
        outcome: 'success',
        detail: { username, role },
      });
      return reply.status(201).send(summary(await target(id)));
    },
  );

  r.post(
    '/api/v1/admin/users/:id/role',
    {
      config: { permission: 'users:write', action: 'user.role_change', stepUp: true },
      schema: { params: UserIdParams, body: ChangeRoleRequest, response: { 200: UserSummary } },
    },
    async (req) => {
      const u = await target(req.params.id);
      if (u.role === 'admin' && req.body.role !== 'admin') {
        const admins = await ctx.db
          .select({ id: schema.users.id })
          .from(schema.users)
          .where(eq(schema.users.role, 'admin'));
        if (admins.length <= 1)
          throw new AppError(
            'FORBIDDEN',
            'This is the last administrator: make someone else admin first',
          );
      }
      await ctx.db
        .update(schema.users)
        .set({ role: req.body.role, updatedAt: ctx.now().toISOString() })
        .where(eq(schema.users.id, u.id));
      // A changed role ends the user's sessions: they sign in again with the new permissions.
      const ended = await endSessions(ctx, u.id, 'your role changed');
      await auditAuth(ctx, req, {
        action: 'user.role_change',
        target: u.id,
        outcome: 'success',
        reason: req.body.reason,
        detail: {
          username: u.username,
          from: u.role,
          to: req.body.role,
          endedSessions: ended.length,
        },
      });
      return summary(await target(u.id));
    },
  );

  r.post(
    '/api/v1/admin/users/:id/mfa-reset',
    {
      config: { permission: 'users:write', action: 'user.mfa_reset', stepUp: true },
      schema: { params: UserIdParams, body: AdminActionRequest },
    },
    async (req, reply) => {
      const u = await target(req.params.id);
      await ctx.mfa.reset(u.id);
      const ended = await endSessions(ctx, u.id, 'two-factor authentication was reset');
      await auditAuth(ctx, req, {
        action: 'user.mfa_reset',
        target: u.id,
        outcome: 'success',
        reason: req.body.reason,
        detail: { username: u.username, endedSessions: ended.length },
      });
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/admin/users/:id/logout',
    {
      config: { permission: 'users:write', action: 'user.force_logout', stepUp: true },
      schema: { params: UserIdParams, body: AdminActionRequest },
    },
    async (req, reply) => {
      const u = await target(req.params.id);
      const ended = await endSessions(ctx, u.id, 'signed out by an administrator');
      await auditAuth(ctx, req, {
        action: 'user.force_logout',
        target: u.id,
        outcome: 'success',
        reason: req.body.reason,
        detail: { username: u.username, endedSessions: ended.length },
      });
      return reply.status(204).send();
    },
  );
}
