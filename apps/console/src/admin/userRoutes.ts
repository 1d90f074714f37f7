import {
  AdminActionRequest,
  ChangeRoleRequest,
  CreateUserRequest,
  SetStrategyScopeRequest,
  UserIdParams,
  UserSummary,
} from '@qd/contracts';
import { AppError, schema } from '@qd/platform';
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  auditAuth,
  auditedEffect,
  auditedTx,
  endSessions,
  type AuthContext,
} from '../auth/context';
import { hashPassword } from '../auth/passwords';
import { enforcePasswordPolicy } from '../auth/profileRoutes';
import { insertUser } from '../auth/users';

function summary(u: typeof schema.users.$inferSelect): UserSummary {
  return {
    id: u.id,
    username: u.username,
    role: u.role as UserSummary['role'],
    disabled: u.disabled,
    mfaEnrolled: u.totpSecret !== null,
    createdAt: new Date(u.createdAt).toISOString(),
    strategyScope: u.role === 'admin' ? null : (u.strategyScope ?? null),
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

  /**
   * Changes a user's row and audits it in one transaction (a failed audit rolls it back), then
   * ends the user's sessions when `endWith` names why: they sign in again with what changed.
   */
  async function updateUser(
    req: FastifyRequest<{ Body: { reason: string } }>,
    u: typeof schema.users.$inferSelect,
    set: Partial<typeof schema.users.$inferInsert>,
    audit: { action: string; detail: Record<string, unknown> },
    endWith: string | null,
  ): Promise<UserSummary> {
    await auditedEffect(
      ctx,
      req,
      async (tx) => {
        await tx
          .update(schema.users)
          .set({ ...set, updatedAt: ctx.now().toISOString() })
          .where(eq(schema.users.id, u.id));
      },
      {
        action: audit.action,
        target: u.id,
        outcome: 'success',
        reason: req.body.reason,
        detail: { username: u.username, ...audit.detail },
      },
    );
    if (endWith) await endSessions(ctx, u.id, endWith);
    return summary(await target(u.id));
  }

  /** Refuses to take away the last enabled administrator (by demotion or disabling). */
  async function keepOneAdmin(u: typeof schema.users.$inferSelect): Promise<void> {
    if (u.role !== 'admin' || u.disabled) return;
    const admins = await ctx.db
      .select({ id: schema.users.id })
      .from(schema.users)
      .where(and(eq(schema.users.role, 'admin'), eq(schema.users.disabled, false)));
    if (admins.length <= 1)
      throw new AppError(
        'FORBIDDEN',
        'This is the last administrator: make someone else admin first',
      );
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
      const passwordHash = await hashPassword(password);
      // The user and the audit entry commit together: no unaudited account.
      const id = await auditedTx(
        ctx,
        req,
        (tx) => insertUser(tx, username, passwordHash, role),
        (newId) => ({
          action: 'user.create',
          target: newId,
          outcome: 'success',
          detail: { username, role },
        }),
      );
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
      if (req.body.role !== 'admin') await keepOneAdmin(u);
      const to = req.body.role;
      // A changed role ends the user's sessions: they sign in again with the new permissions.
      return updateUser(
        req,
        u,
        { role: to },
        { action: 'user.role_change', detail: { from: u.role, to } },
        'your role changed',
      );
    },
  );

  r.post(
    '/api/v1/admin/users/:id/strategies',
    {
      config: { permission: 'users:write', action: 'user.strategy_scope', stepUp: true },
      schema: {
        params: UserIdParams,
        body: SetStrategyScopeRequest,
        response: { 200: UserSummary },
      },
    },
    async (req) => {
      const u = await target(req.params.id);
      const to = req.body.strategies === null ? null : [...new Set(req.body.strategies)].sort();
      if (u.role === 'admin' && to !== null)
        throw new AppError(
          'VALIDATION_FAILED',
          'Invalid body: strategies: administrators are never limited to strategies',
          [{ path: 'strategies', message: 'administrators are never limited to strategies' }],
        );
      // Like a role change: the user signs in again with the new scope.
      return updateUser(
        req,
        u,
        { strategyScope: to },
        { action: 'user.strategy_scope', detail: { from: u.strategyScope ?? null, to } },
        'your strategy access changed',
      );
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
      await auditedEffect(ctx, req, (tx) => ctx.mfa.reset(u.id, tx), {
        action: 'user.mfa_reset',
        target: u.id,
        outcome: 'success',
        reason: req.body.reason,
        detail: { username: u.username },
      });
      await endSessions(ctx, u.id, 'two-factor authentication was reset');
      return reply.status(204).send();
    },
  );

  for (const disabled of [true, false]) {
    const action = disabled ? 'user.disable' : 'user.enable';
    r.post(
      `/api/v1/admin/users/:id/${disabled ? 'disable' : 'enable'}`,
      {
        config: { permission: 'users:write', action, stepUp: true },
        schema: { params: UserIdParams, body: AdminActionRequest, response: { 200: UserSummary } },
      },
      async (req) => {
        const u = await target(req.params.id);
        if (disabled && u.id === req.session!.userId)
          throw new AppError('FORBIDDEN', 'You cannot disable your own account');
        if (disabled) await keepOneAdmin(u);
        // A disabled user's sessions end now (API keys are refused while disabled).
        return updateUser(
          req,
          u,
          { disabled },
          { action, detail: { wasDisabled: u.disabled } },
          disabled ? 'your account was disabled' : null,
        );
      },
    );
  }

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
