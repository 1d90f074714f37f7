import type { SessionInfo } from '@qd/contracts';
import { ApiError, apiRequest } from './client';

/** Auth calls used by the login page; the session schema loads alongside the request. */
async function parseSession(pending: Promise<unknown>): Promise<SessionInfo> {
  const [res, { SessionInfo: schema }] = await Promise.all([pending, import('@qd/contracts')]);
  const parsed = schema.safeParse(res);
  if (!parsed.success)
    throw new ApiError(200, 'BAD_RESPONSE', 'The server sent an unexpected session.');
  return parsed.data;
}

export function login(body: {
  username: string;
  password: string;
  totp?: string;
  recoveryCode?: string;
}): Promise<SessionInfo> {
  return parseSession(
    apiRequest('/auth/login', { method: 'POST', body, expectUnauthorized: true }),
  );
}

/** The current session, or null when there is none. */
export async function fetchSession(): Promise<SessionInfo | null> {
  try {
    return await parseSession(apiRequest('/auth/session', { expectUnauthorized: true }));
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export async function logout(): Promise<void> {
  await apiRequest('/auth/logout', { method: 'POST', expectUnauthorized: true });
}
