import {
  ApiKeyIdParams,
  ApiKeySummary,
  ChangePasswordRequest,
  CreateApiKeyRequest,
  CreatedApiKey,
  can,
  type Role,
} from '@qd/contracts';
import { passwordProblems } from '@qd/domain';
import { AppError, schema } from '@qd/platform';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditedEffect, auditedTx, endSessions, rotateSession, type AuthContext } from './context';
import { isCommonPassword } from './commonPasswords';
import { hashPassword, verifyPassword } from './passwords';

/** Throws VALIDATION_FAILED on `field` when the password breaks the policy. */
export function enforcePasswordPolicy(password: string, username: string, field: string): void {
  const problems = passwordProblems(password, username, isCommonPassword);
  if (problems.length)
    throw new AppError(
      'VALIDATION_FAILED',
      `Invalid body: ${field}: ${problems.join('; ')}`,
      problems.map((message) => ({ path: field, message })),
    );
}

/** Own password and API keys. */
export function registerProfileRoutes(app: FastifyInstance, ctx: AuthContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/auth/password',
    {
      config: { permission: 'profile:self', action: 'auth.password_change' },
      schema: { body: ChangePasswordRequest },
    },
    async (req, reply) => {
      const s = req.session!;
      if (req.apiKeyScopes) throw new AppError('FORBIDDEN', 'API keys cannot change passwords');
      const [user] = await ctx.db.select().from(schema.users).where(eq(schema.users.id, s.userId));
      if (!user || !(await verifyPassword(user.passwordHash, req.body.currentPassword)))
        throw new AppError('INVALID_CREDENTIALS', 'Your current password is not correct.');
      enforcePasswordPolicy(req.body.newPassword, user.username, 'newPassword');
      if (await verifyPassword(user.passwordHash, req.body.newPassword))
        throw new AppError(
          'VALIDATION_FAILED',
          'Invalid body: newPassword: choose a different password',
          [{ path: 'newPassword', message: 'choose a different password' }],
        );
      const at = ctx.now().toISOString();
      const passwordHash = await hashPassword(req.body.newPassword);
      await auditedEffect(
        ctx,
        req,
        async (tx) => {
          await tx
            .update(schema.users)
            .set({ passwordHash, passwordChangedAt: at, updatedAt: at })
            .where(eq(schema.users.id, s.userId));
        },
        { action: 'auth.password_change', target: s.userId, outcome: 'success' },
      );
      // Every other session ends; this one continues under a new id.
      await endSessions(ctx, s.userId, 'password changed', { except: s.handle });
      const next = await rotateSession(ctx, req, reply, s);
      return ctx.sessions.info(next);
    },
  );

  r.get(
    '/api/v1/auth/api-keys',
    {
      config: { permission: 'apikeys:self' },
      schema: { response: { 200: z.array(ApiKeySummary) } },
    },
    async (req) => ctx.apiKeys.list(req.session!.userId),
  );

  r.post(
    '/api/v1/auth/api-keys',
    {
      config: { permission: 'apikeys:self', action: 'apikey.create', stepUp: true },
      schema: { body: CreateApiKeyRequest, response: { 201: CreatedApiKey } },
    },
    async (req, reply) => {
      const s = req.session!;
      const beyond = req.body.scopes.filter((p) => !can(s.role as Role, p));
      if (beyond.length)
        throw new AppError('FORBIDDEN', `Your role (${s.role}) cannot grant ${beyond.join(', ')}`);
      const key = await auditedTx(
        ctx,
        req,
        (tx) => ctx.apiKeys.create(s.userId, req.body, tx),
        (k) => ({
          action: 'apikey.create',
          target: k.id,
          outcome: 'success',
          detail: { name: k.name, scopes: k.scopes, expiresAt: k.expiresAt },
        }),
      );
      return reply.status(201).send(key);
    },
  );

  r.delete(
    '/api/v1/auth/api-keys/:id',
    {
      config: { permission: 'apikeys:self', action: 'apikey.revoke' },
      schema: { params: ApiKeyIdParams },
    },
    async (req, reply) => {
      await auditedTx(
        ctx,
        req,
        async (tx) => {
          if (!(await ctx.apiKeys.revoke(req.session!.userId, req.params.id, tx)))
            throw new AppError('NOT_FOUND', 'You have no API key with that id');
        },
        () => ({ action: 'apikey.revoke', target: req.params.id, outcome: 'success' }),
      );
      return reply.status(204).send();
    },
  );
}
