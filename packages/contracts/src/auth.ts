import { z } from 'zod';
import { AuthProviderId } from './authProviders';
import { IsoTimestamp } from './decimal';
import { Permission, Role } from './permissions';

/** A one-time recovery code as shown at enrolment (`xxxxx-xxxxx`). */
export const RecoveryCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]{5}-?[a-z0-9]{5}$/, 'a recovery code looks like abcde-12345');

export const LoginRequest = z
  .object({
    username: z.string().trim().min(1, 'enter a username').max(64),
    password: z.string().min(1, 'enter a password').max(1024),
    totp: z
      .string()
      .regex(/^\d{6}$/, 'enter the 6-digit code from your authenticator app')
      .optional(),
    recoveryCode: RecoveryCode.optional(),
  })
  .strict();
export type LoginRequest = z.infer<typeof LoginRequest>;

export const SessionUser = z.object({
  id: z.string(),
  username: z.string(),
  role: Role,
});
export type SessionUser = z.infer<typeof SessionUser>;

export const SessionInfo = z.object({
  user: SessionUser,
  /** How this session signed in (decides how logout ends it). */
  provider: AuthProviderId.optional(),
  permissions: z.array(Permission),
  csrfToken: z.string(),
  expiresAt: IsoTimestamp,
  idleExpiresAt: IsoTimestamp,
  /** Public handle of this session (matches `handle` in the sessions list). */
  handle: z.string(),
  /** Strategies this user is limited to (null: all). */
  strategyScope: z.array(z.string()).nullable().optional(),
  mfa: z.object({
    verified: z.boolean(),
    /** The role requires MFA and it is not set up yet: only enrolment is allowed. */
    enrolmentRequired: z.boolean(),
    /**
     * TOTP is set up but this sign-in (single sign-on, certificate, dev) proved no second
     * factor yet: only the code step is allowed.
     */
    verificationRequired: z.boolean().optional(),
    /** Sensitive actions are allowed without a new code until then; null when never verified. */
    stepUpUntil: IsoTimestamp.nullable(),
  }),
});
export type SessionInfo = z.infer<typeof SessionInfo>;
