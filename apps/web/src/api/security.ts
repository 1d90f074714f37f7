import {
  ApiKeySummary,
  CreatedApiKey,
  MfaStatus,
  RecoveryCodes,
  SessionInfo,
  SessionSummary,
  TotpEnrolment,
  UserSummary,
  type ChangePasswordRequest,
  type CreateApiKeyRequest,
  type CreateUserRequest,
  type Role,
  type StepUpRequest,
} from '@qd/contracts';
import { z } from 'zod';
import { ApiError, apiRequest } from './client';

function parseWith<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new ApiError(200, 'BAD_RESPONSE', `The server sent an unexpected ${what}.`);
  return parsed.data;
}

// ---- step-up and MFA ----

/** Verifies again for sensitive actions; returns the session (new id, step-up window). */
export async function stepUp(body: StepUpRequest): Promise<SessionInfo> {
  const res = await apiRequest('/auth/step-up', {
    method: 'POST',
    body,
    expectUnauthorized: true,
    noStepUp: true,
  });
  return parseWith(SessionInfo, res, 'session');
}

export async function fetchMfaStatus(): Promise<MfaStatus> {
  return parseWith(MfaStatus, await apiRequest('/auth/mfa'), 'MFA status');
}

export async function startTotpEnrolment(): Promise<TotpEnrolment> {
  const res = await apiRequest('/auth/mfa/totp/enrol', { method: 'POST' });
  return parseWith(TotpEnrolment, res, 'enrolment');
}

/** The code step after a sign-in that proved no second factor (single sign-on, certificate). */
export async function verifyMfa(
  body: { totp: string } | { recoveryCode: string },
): Promise<SessionInfo> {
  const res = await apiRequest('/auth/mfa/verify', {
    method: 'POST',
    body,
    expectUnauthorized: true,
    noStepUp: true,
  });
  return parseWith(SessionInfo, res, 'session');
}

export async function confirmTotpEnrolment(totp: string): Promise<string[]> {
  const res = await apiRequest('/auth/mfa/totp/confirm', {
    method: 'POST',
    body: { totp },
    expectUnauthorized: true,
  });
  return parseWith(RecoveryCodes, res, 'recovery codes').recoveryCodes;
}

// ---- own sessions and password ----

export async function fetchSessions(): Promise<SessionSummary[]> {
  return parseWith(z.array(SessionSummary), await apiRequest('/auth/sessions'), 'session list');
}

export async function endSessionByHandle(handle: string): Promise<void> {
  await apiRequest(`/auth/sessions/${encodeURIComponent(handle)}`, { method: 'DELETE' });
}

export async function logoutEverywhere(): Promise<void> {
  await apiRequest('/auth/logout-all', { method: 'POST', expectUnauthorized: true });
}

export async function changePassword(body: ChangePasswordRequest): Promise<SessionInfo> {
  const res = await apiRequest('/auth/password', {
    method: 'POST',
    body,
    expectUnauthorized: true,
  });
  return parseWith(SessionInfo, res, 'session');
}

// ---- API keys ----

export async function fetchApiKeys(): Promise<ApiKeySummary[]> {
  return parseWith(z.array(ApiKeySummary), await apiRequest('/auth/api-keys'), 'API keys');
}

export async function createApiKey(body: CreateApiKeyRequest): Promise<CreatedApiKey> {
  const res = await apiRequest('/auth/api-keys', { method: 'POST', body });
  return parseWith(CreatedApiKey, res, 'API key');
}

export async function revokeApiKey(id: string): Promise<void> {
  await apiRequest(`/auth/api-keys/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

// ---- administration ----

export async function fetchUsers(): Promise<UserSummary[]> {
  return parseWith(z.array(UserSummary), await apiRequest('/admin/users'), 'user list');
}

export async function createUser(body: CreateUserRequest): Promise<UserSummary> {
  const res = await apiRequest('/admin/users', { method: 'POST', body });
  return parseWith(UserSummary, res, 'user');
}

export async function changeRole(id: string, role: Role, reason: string): Promise<UserSummary> {
  const res = await apiRequest(`/admin/users/${id}/role`, {
    method: 'POST',
    body: { role, reason },
  });
  return parseWith(UserSummary, res, 'user');
}

export async function resetMfa(id: string, reason: string): Promise<void> {
  await apiRequest(`/admin/users/${id}/mfa-reset`, { method: 'POST', body: { reason } });
}

/** Limits a user to some strategies (null: all); their sessions end. */
export async function setStrategyScope(
  id: string,
  strategies: string[] | null,
  reason: string,
): Promise<UserSummary> {
  const res = await apiRequest(`/admin/users/${id}/strategies`, {
    method: 'POST',
    body: { strategies, reason },
  });
  return parseWith(UserSummary, res, 'user');
}

/** The ids of the strategies the gateway runs (for the scope editor). */
export async function fetchStrategyIds(): Promise<string[]> {
  const res = await apiRequest('/strategies');
  return parseWith(z.array(z.object({ id: z.string() })), res, 'strategy list').map((s) => s.id);
}

/** Disables (sessions end, API keys refused) or enables a user. */
export async function setUserDisabled(
  id: string,
  disabled: boolean,
  reason: string,
): Promise<UserSummary> {
  const res = await apiRequest(`/admin/users/${id}/${disabled ? 'disable' : 'enable'}`, {
    method: 'POST',
    body: { reason },
  });
  return parseWith(UserSummary, res, 'user');
}

export async function forceLogout(id: string, reason: string): Promise<void> {
  await apiRequest(`/admin/users/${id}/logout`, { method: 'POST', body: { reason } });
}
