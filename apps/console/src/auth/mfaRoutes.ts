import {
  MfaStatus,
  MfaVerifyRequest,
  RecoveryCodes,
  StepUpRequest,
  TotpConfirmRequest,
  TotpEnrolment,
  type Role,
} from '@qd/contracts';
import { AppError, schema } from '@qd/platform';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditAuth, auditEntry, rotateSession, type AuthContext } from './context';
import { verifyPassword } from './passwords';

/** TOTP enrolment (QR + recovery codes) and step-up verification. */
export function registerMfaRoutes(app: FastifyInstance, ctx: AuthContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const required = (req: FastifyRequest) =>
    ctx.mfaRequiredRoles.includes(req.session!.role as Role);

  r.get(
    '/api/v1/auth/mfa',
    {
      config: { permission: 'profile:self', duringMfaEnrolment: true },
      schema: { response: { 200: MfaStatus } },
    },
    async (req) => ctx.mfa.status(req.session!.userId, required(req)),
  );

  r.post(
    '/api/v1/auth/mfa/totp/enrol',
    {
      config: { permission: 'profile:self', action: 'mfa.enrol_start', duringMfaEnrolment: true },
      schema: { response: { 200: TotpEnrolment } },
    },
    async (req) => {
      const enrolment = await ctx.mfa.startEnrolment(req.session!.userId);
      await auditAuth(ctx, req, {
        action: 'mfa.enrol_start',
        target: req.session!.userId,
        outcome: 'success',
      });
      return enrolment;
    },
  );

  r.post(
    '/api/v1/auth/mfa/totp/confirm',
    {
      config: { permission: 'profile:self', action: 'mfa.enrol', duringMfaEnrolment: true },
      schema: { body: TotpConfirmRequest, response: { 200: RecoveryCodes } },
    },
    async (req, reply) => {
      const s = req.session!;
      // The new factor and its audit entry commit together (or neither does).
      const recoveryCodes = await ctx.mfa.confirmEnrolment(s.userId, req.body.totp, (write) =>
        ctx.audit.transaction(async (tx, audit) => {
          await write(tx);
          await audit(
            auditEntry(req, { action: 'mfa.enrol', target: s.userId, outcome: 'success' }),
          );
        }),
      );
      req.audited = true;
      // A new factor is a privilege change: new session id, MFA proved now.
      const t = ctx.now().getTime();
      await rotateSession(ctx, req, reply, s, {
        mfaAt: t,
        stepUpAt: t,
        mfaEnrolmentRequired: false,
      });
      return { recoveryCodes };
    },
  );

  r.post(
    '/api/v1/auth/mfa/verify',
    {
      config: {
        permission: 'profile:self',
        action: 'auth.mfa_verify',
        duringMfaVerification: true,
      },
      schema: { body: MfaVerifyRequest },
    },
    async (req, reply) => {
      const s = req.session!;
      if (!s.mfaVerificationRequired)
        throw new AppError('VALIDATION_FAILED', 'This sign-in has no pending code step');
      const blockedMs = await ctx.limiter.blockedFor(s.username, req.ip);
      if (blockedMs > 0) {
        void reply.header('retry-after', String(Math.ceil(blockedMs / 1000)));
        throw new AppError(
          'RATE_LIMITED',
          `Too many failed verifications. Try again in ${Math.ceil(blockedMs / 1000)} seconds.`,
        );
      }
      const method = req.body.totp ? 'totp' : 'recovery';
      const ok = req.body.totp
        ? await ctx.mfa.verifyTotp(s.userId, req.body.totp)
        : await ctx.mfa.useRecoveryCode(s.userId, req.body.recoveryCode!);
      if (!ok) {
        await ctx.limiter.recordFailure(s.username, req.ip);
        await auditAuth(ctx, req, {
          action: 'auth.mfa_verify',
          target: s.handle,
          outcome: 'failure',
          detail: { method, provider: s.provider ?? 'basic' },
        });
        throw new AppError(
          'MFA_INVALID',
          method === 'totp'
            ? 'That code is not valid or was already used. Wait for the next code and try again.'
            : 'That recovery code is not valid or was already used.',
        );
      }
      await ctx.limiter.recordSuccess(s.username, req.ip);
      // Audited first: if the write fails, the session stays at the code step.
      await auditAuth(ctx, req, {
        action: 'auth.mfa_verify',
        target: s.handle,
        outcome: 'success',
        detail: { method, provider: s.provider ?? 'basic' },
      });
      // The second factor is a privilege change: new session id.
      const t = ctx.now().getTime();
      const next = await rotateSession(ctx, req, reply, s, {
        mfaAt: t,
        stepUpAt: t,
        mfaVerificationRequired: false,
      });
      return ctx.sessions.info(next);
    },
  );

  r.post(
    '/api/v1/auth/step-up',
    {
      config: { permission: 'profile:self', action: 'auth.step_up' },
      schema: { body: StepUpRequest },
    },
    async (req, reply) => {
      const s = req.session!;
      if (req.apiKeyScopes) throw new AppError('FORBIDDEN', 'API keys cannot step up');
      const blockedMs = await ctx.limiter.blockedFor(s.username, req.ip);
      if (blockedMs > 0) {
        void reply.header('retry-after', String(Math.ceil(blockedMs / 1000)));
        throw new AppError(
          'RATE_LIMITED',
          `Too many failed verifications. Try again in ${Math.ceil(blockedMs / 1000)} seconds.`,
        );
      }
      const enrolled = await ctx.mfa.enrolled(s.userId);
      let method: string;
      let ok: boolean;
      if (req.body.password !== undefined) {
        if (enrolled)
          throw new AppError(
            'VALIDATION_FAILED',
            'Use the code from your authenticator app (or a recovery code)',
          );
        const [user] = await ctx.db
          .select()
          .from(schema.users)
          .where(eq(schema.users.id, s.userId));
        ok = await verifyPassword(user?.passwordHash ?? null, req.body.password);
        method = 'password';
      } else if (!enrolled) {
        throw new AppError(
          'VALIDATION_FAILED',
          'Two-factor authentication is not set up: confirm with your password',
        );
      } else if (req.body.totp) {
        ok = await ctx.mfa.verifyTotp(s.userId, req.body.totp);
        method = 'totp';
      } else {
        ok = await ctx.mfa.useRecoveryCode(s.userId, req.body.recoveryCode!);
        method = 'recovery';
      }
      if (!ok) {
        await ctx.limiter.recordFailure(s.username, req.ip);
        await auditAuth(ctx, req, {
          action: 'auth.step_up',
          target: s.handle,
          outcome: 'failure',
          detail: { method },
        });
        throw new AppError(
          method === 'password' ? 'INVALID_CREDENTIALS' : 'MFA_INVALID',
          method === 'password'
            ? 'That password is not correct.'
            : 'That code is not valid or was already used. Wait for the next code and try again.',
        );
      }
      const t = ctx.now().getTime();
      const next = await rotateSession(ctx, req, reply, s, {
        stepUpAt: t,
        ...(method === 'password' ? {} : { mfaAt: t }),
      });
      await auditAuth(ctx, req, {
        action: 'auth.step_up',
        target: s.handle,
        outcome: 'success',
        detail: { method },
      });
      return ctx.sessions.info(next);
    },
  );
}
