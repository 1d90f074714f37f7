import { z } from 'zod';

/** Stable error codes; the HTTP status of each lives in the app's error catalogue. */
export const ErrorCode = z.enum([
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'INVALID_CREDENTIALS',
  'MFA_REQUIRED',
  'MFA_INVALID',
  'MFA_ENROLMENT_REQUIRED',
  'MFA_ALREADY_ENROLLED',
  'MFA_VERIFICATION_REQUIRED',
  'ACCOUNT_DISABLED',
  'STEP_UP_REQUIRED',
  'USERNAME_TAKEN',
  'CSRF_FAILED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  'UNKNOWN_SYMBOL',
  'ORDER_KILL_SWITCH_ENGAGED',
  'ORDER_KILL_SWITCH_UNKNOWN',
  'ORDER_INSUFFICIENT_BUYING_POWER',
  'ORDER_NO_MARKET_DATA',
  'ORDER_REJECTED',
  'ORDER_NOT_CANCELABLE',
  'ORDER_NOT_MODIFIABLE',
  'ORDER_BREAKER_TRIPPED',
  'ORDER_ENTRIES_PAUSED',
  'BREAKER_ALREADY_TRIPPED',
  'BREAKER_NOT_TRIPPED',
  'NO_POSITION',
  'KILL_SWITCH_ALREADY_ENGAGED',
  'KILL_SWITCH_NOT_ENGAGED',
  'GATEWAY_UNAVAILABLE',
  'SERVICE_DRAINING',
  'INTERNAL',
  'PROVIDER_DISABLED',
  'SSO_FAILED',
  'IDP_UNAVAILABLE',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** RFC 9457 problem details with a stable `code` and, for validation errors, the failing fields. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: ErrorCode,
  instance: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** Seconds until a rate-limited action is allowed again (the `Retry-After` header too). */
  retryAfter: z.number().int().positive().optional(),
});
export type Problem = z.infer<typeof Problem>;
