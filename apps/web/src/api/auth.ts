import type { AuthProviders, Role, SessionInfo } from '@qd/contracts';
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

/** The sign-in providers this console offers (shown as buttons on the login page). */
export async function fetchProviders(): Promise<AuthProviders> {
  const [res, { AuthProviders: schema }] = await Promise.all([
    apiRequest('/auth/providers', { expectUnauthorized: true }),
    import('@qd/contracts'),
  ]);
  const parsed = schema.safeParse(res);
  if (!parsed.success)
    throw new ApiError(200, 'BAD_RESPONSE', 'The server sent an unexpected provider list.');
  return parsed.data;
}

/** One-click local sign-in as the seeded user of a role (dev provider, loopback only). */
export function devLogin(role: Role): Promise<SessionInfo> {
  return parseSession(
    apiRequest('/auth/dev/login', { method: 'POST', body: { role }, expectUnauthorized: true }),
  );
}

/** Sign-in with the client certificate the browser presented. */
export function mtlsLogin(): Promise<SessionInfo> {
  return parseSession(
    apiRequest('/auth/mtls/login', { method: 'POST', body: {}, expectUnauthorized: true }),
  );
}

/** Ends an OIDC session here; returns the IdP's end-session URL to send the browser to. */
export async function oidcLogout(): Promise<string> {
  const res = (await apiRequest('/auth/oidc/logout', {
    method: 'POST',
    expectUnauthorized: true,
  })) as { redirectTo?: unknown } | null;
  return typeof res?.redirectTo === 'string' ? res.redirectTo : '/login?reason=signed-out';
}
