import type { Database, SessionRecord } from '@qd/platform';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installStrategyScope, scopeOf, topicRefusal } from './strategyScope';

// The rules no role can reach through HTTP today (strategies:write is admin-only, and admins are
// never limited), checked on a bare Fastify app with the session set by a hook.
function session(role: string, strategyScope?: string[] | null): SessionRecord {
  return {
    id: 's',
    handle: 'h',
    userId: 'u',
    username: 'u',
    role,
    csrfToken: 'c',
    createdAt: 0,
    lastSeenAt: 0,
    userAgent: '',
    ip: '',
    mfaAt: null,
    stepUpAt: null,
    mfaEnrolmentRequired: false,
    strategyScope,
  };
}

async function appFor(s: SessionRecord) {
  const app = Fastify();
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (req) => {
    req.session = s;
  });
  // No database is reached by the rules under test.
  installStrategyScope(app, {} as Database);
  app.post('/api/v1/strategies/:id/enabled', async () => ({ done: true }));
  await app.ready();
  return app;
}

describe('strategy scope rules', () => {
  it('lets a limited user enable or disable only their own strategies', async () => {
    const app = await appFor(session('operator', ['momentum-megacap']));
    const mine = await app.inject({
      method: 'POST',
      url: '/api/v1/strategies/momentum-megacap/enabled',
    });
    expect(mine.statusCode).toBe(200);
    const other = await app.inject({
      method: 'POST',
      url: '/api/v1/strategies/meanrev-etf/enabled',
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().detail ?? other.body).toContain('meanrev-etf is not one of yours');
    await app.close();
  });

  it('never limits admins or users without a scope', async () => {
    for (const s of [session('admin', ['momentum-megacap']), session('operator', null)]) {
      expect(scopeOf(s)).toBeNull();
      expect(topicRefusal(s, 'orders')).toBeNull();
      const app = await appFor(s);
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/strategies/meanrev-etf/enabled',
      });
      expect(res.statusCode).toBe(200);
      await app.close();
    }
  });

  it('refuses the order feeds to a limited user, and only those', () => {
    const s = session('viewer', []);
    for (const t of ['orders', 'fills', 'strategies', 'twap'])
      expect(topicRefusal(s, t)).toMatch(/no strategies/);
    for (const t of ['account', 'positions', 'prices:NVDA', 'killswitch'])
      expect(topicRefusal(s, t)).toBeNull();
  });
});
