import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, apiRequest } from './client';

// The console's answer to a rate-limited control, byte for byte as it sends it (the e2e suite
// checks the live server sends it); here only how the page reads it is under test.
const realFetch = globalThis.fetch;
beforeAll(() => {
  globalThis.fetch = async () =>
    new Response(
      JSON.stringify({
        type: 'https://quarterdeck.dev/problems/rate-limited',
        title: 'rate limited',
        status: 429,
        detail: 'The breaker was reset less than a minute ago; the next reset is allowed in 42 s',
        code: 'RATE_LIMITED',
        retryAfter: 42,
      }),
      {
        status: 429,
        headers: { 'content-type': 'application/problem+json', 'retry-after': '42' },
      },
    );
});
afterAll(() => {
  globalThis.fetch = realFetch;
});

describe('a rate-limited answer', () => {
  it('becomes an error that says when the action may be tried again', async () => {
    const before = Date.now();
    const err = await apiRequest('/breaker/reset', { method: 'POST', body: {} }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.code).toBe('RATE_LIMITED');
    expect(e.retryAt!.getTime()).toBeGreaterThanOrEqual(before + 42_000);
    expect(e.retryAt!.getTime()).toBeLessThanOrEqual(Date.now() + 42_000);
    expect(e.message).toMatch(/allowed in 42 s\. Try again at \d{2}:\d{2}:\d{2}\.$/);
  });
});
