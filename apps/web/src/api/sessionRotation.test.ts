import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, apiRequest, setUnauthorizedHandler } from './client';

// The session id rotates on step-up, MFA and password change. A request already on its way
// carries the old id and gets 401, while the cookie jar already holds the new id.
const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
  setUnauthorizedHandler(() => undefined);
});

const problem401 = () =>
  new Response(
    JSON.stringify({
      type: 'https://quarterdeck.dev/problems/unauthenticated',
      title: 'unauthenticated',
      status: 401,
      detail: 'Sign in to continue (no session)',
      code: 'UNAUTHENTICATED',
    }),
    { status: 401, headers: { 'content-type': 'application/problem+json' } },
  );

/** A server whose session lives (or not) and whose first call to `path` races a rotation. */
function serve(sessionLives: boolean, calls: string[]) {
  let first = true;
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push(`${init?.method ?? 'GET'} ${url}`);
    if (url.endsWith('/auth/session'))
      return sessionLives ? Response.json({ username: 'admin' }) : problem401();
    if (first || !sessionLives) {
      first = false;
      return problem401();
    }
    return Response.json([{ symbol: 'AAPL' }]);
  };
}

describe('a 401 on a request that raced a session id rotation', () => {
  it('is sent once more when the session still lives, and the user stays signed in', async () => {
    const calls: string[] = [];
    let ended = 0;
    setUnauthorizedHandler(() => ended++);
    serve(true, calls);
    await expect(apiRequest('/instruments')).resolves.toEqual([{ symbol: 'AAPL' }]);
    expect(ended).toBe(0);
    expect(calls).toEqual([
      'GET /api/v1/instruments',
      'GET /api/v1/auth/session',
      'GET /api/v1/instruments',
    ]);
  });

  it('ends the session in the page when the session is gone, without sending it again', async () => {
    const calls: string[] = [];
    let ended = 0;
    setUnauthorizedHandler(() => ended++);
    serve(false, calls);
    const err = await apiRequest('/orders', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(401);
    expect(ended).toBe(1);
    expect(calls).toEqual(['POST /api/v1/orders', 'GET /api/v1/auth/session']);
  });
});
