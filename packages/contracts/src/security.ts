import { z } from 'zod';
import { IsoTimestamp } from './decimal';
import { RecoveryCode } from './auth';
import { StrategyId } from './controls';
import { Permission, Role } from './permissions';

/** One of the user's live sessions, as the sessions list shows it. */
export const SessionSummary = z.object({
  handle: z.string(),
  createdAt: IsoTimestamp,
  lastSeenAt: IsoTimestamp,
  userAgent: z.string(),
  ip: z.string(),
  /** The session asking (this device). */
  current: z.boolean(),
  mfa: z.boolean(),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

export const SessionHandleParams = z.object({ handle: z.string().min(1).max(64) }).strict();

const TotpCode = z.string().regex(/^\d{6}$/, 'enter the 6-digit code from your authenticator app');

/** Step-up: a fresh TOTP or recovery code (or the password where MFA is not set up or required). */
export const StepUpRequest = z
  .object({
    totp: TotpCode.optional(),
    recoveryCode: RecoveryCode.optional(),
    password: z.string().min(1).max(1024).optional(),
  })
  .strict()
  .refine((v) => [v.totp, v.recoveryCode, v.password].filter(Boolean).length === 1, {
    message: 'send exactly one of totp, recoveryCode or password',
  });
export type StepUpRequest = z.infer<typeof StepUpRequest>;

/** Enrolment started: the secret as otpauth URI and QR code (SVG data URL). */
export const TotpEnrolment = z.object({
  otpauthUri: z.string(),
  secret: z.string(),
  qrSvgDataUrl: z.string(),
});
export type TotpEnrolment = z.infer<typeof TotpEnrolment>;

export const TotpConfirmRequest = z.object({ totp: TotpCode }).strict();

/** The TOTP step of a sign-in through a provider that proved no second factor. */
export const MfaVerifyRequest = z
  .object({ totp: TotpCode.optional(), recoveryCode: RecoveryCode.optional() })
  .strict()
  .refine((v) => [v.totp, v.recoveryCode].filter(Boolean).length === 1, {
    message: 'send exactly one of totp or recoveryCode',
  });
export type MfaVerifyRequest = z.infer<typeof MfaVerifyRequest>;

/** Enrolment finished: recovery codes, shown this once (only their hashes are kept). */
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;

export const MfaStatus = z.object({
  enrolled: z.boolean(),
  required: z.boolean(),
  recoveryCodesLeft: z.number().int(),
});
export type MfaStatus = z.infer<typeof MfaStatus>;

/** A new password: at least 12 characters; the server also refuses common and user-derived ones. */
export const NewPassword = z
  .string()
  .min(12, 'use at least 12 characters')
  .max(256, 'use at most 256 characters');

export const ChangePasswordRequest = z
  .object({
    currentPassword: z.string().min(1, 'enter your current password').max(1024),
    newPassword: NewPassword,
  })
  .strict();
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const Username = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, '2-32 lowercase letters, digits, . _ or -');

/** A user as administrators see it. */
export const UserSummary = z.object({
  id: z.string(),
  username: z.string(),
  role: Role,
  disabled: z.boolean(),
  mfaEnrolled: z.boolean(),
  createdAt: IsoTimestamp,
  /** Strategies the user is limited to; null: not limited (admins are never limited). */
  strategyScope: z.array(StrategyId).nullable(),
});
export type UserSummary = z.infer<typeof UserSummary>;

export const CreateUserRequest = z
  .object({ username: Username, role: Role, password: NewPassword })
  .strict();
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const UserIdParams = z.object({ id: z.string().uuid() }).strict();

const Reason = z.string().trim().min(3, 'give a reason (at least 3 characters)').max(500);

export const ChangeRoleRequest = z.object({ role: Role, reason: Reason }).strict();
export type ChangeRoleRequest = z.infer<typeof ChangeRoleRequest>;

export const AdminActionRequest = z.object({ reason: Reason }).strict();

/**
 * Limits a user to some strategies (null lifts the limit). A limited user acts only on orders of
 * those strategies, sees only their orders and fills, and places no manual (strategy-less) orders.
 */
export const SetStrategyScopeRequest = z
  .object({
    strategies: z.array(StrategyId).max(50).nullable(),
    reason: Reason,
  })
  .strict();
export type SetStrategyScopeRequest = z.infer<typeof SetStrategyScopeRequest>;

/** An API key as listed (the secret itself is shown once, at creation). */
export const ApiKeySummary = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(Permission),
  createdAt: IsoTimestamp,
  expiresAt: IsoTimestamp,
  lastUsedAt: IsoTimestamp.nullable(),
  revokedAt: IsoTimestamp.nullable(),
});
export type ApiKeySummary = z.infer<typeof ApiKeySummary>;

export const CreateApiKeyRequest = z
  .object({
    name: z.string().trim().min(1, 'name the key').max(64),
    scopes: z.array(Permission).min(1, 'choose at least one permission'),
    expiresInDays: z.number().int().min(1).max(365),
  })
  .strict();
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequest>;

export const CreatedApiKey = ApiKeySummary.extend({
  /** `Authorization: Bearer <token>`; shown once. */
  token: z.string(),
});
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;

export const ApiKeyIdParams = z.object({ id: z.string().uuid() }).strict();

/** Bus channel on which ended sessions are announced to every console instance. */
export const SESSION_REVOCATIONS_CHANNEL = 'qd:session-revocations';

/** Sessions that ended (by handle): every instance closes their sockets with `revoked`. */
export const SessionRevocation = z.object({
  handles: z.array(z.string()).min(1),
  reason: z.string(),
});
export type SessionRevocation = z.infer<typeof SessionRevocation>;
