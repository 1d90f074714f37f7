import { z } from 'zod';
import { AuthProviderId } from './authProviders';
import { IsoTimestamp } from './decimal';
import { Permission, Role } from './permissions';

export const LoginRequest = z
  .object({
    username: z.string().trim().min(1, 'enter a username').max(64),
    password: z.string().min(1, 'enter a password').max(1024),
    totp: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
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
});
export type SessionInfo = z.infer<typeof SessionInfo>;
