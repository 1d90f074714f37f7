import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { MemorySessionStore } from './memorySessionStore';
import { RedisSessionStore } from './redisSessionStore';
import type { SessionRecord, SessionStore } from './sessionStore';

const record = (userId: string, id = randomUUID()): SessionRecord => ({
  id,
  userId,
  username: 'alice',
  role: 'viewer',
  csrfToken: 'csrf',
  createdAt: 0,
  lastSeenAt: 0,
  userAgent: 'ua',
  ip: '127.0.0.1',
});

// One contract, both implementations.
describe.each([
  { name: 'memory', make: (): SessionStore => new MemorySessionStore() },
  { name: 'redis', make: (): SessionStore => new RedisSessionStore(inject('redisUrl')) },
])('$name session store', ({ make }) => {
  it('returns what was stored, as a copy the caller cannot change by accident', async () => {
    const store = make();
    const r = record(randomUUID());
    await store.set(r, 60);
    const got = await store.get(r.id);
    expect(got).toEqual(r);
    got!.role = 'admin';
    expect((await store.get(r.id))?.role).toBe('viewer');
    await store.close();
  });

  it('forgets a session when its time to live runs out', async () => {
    const store = make();
    const r = record(randomUUID());
    await store.set(r, 1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await store.get(r.id)).toBeNull();
    expect(await store.listByUser(r.userId)).toEqual([]);
    await store.close();
  });

  it("lists only one user's live sessions, and forgets deleted ones", async () => {
    const store = make();
    const [u1, u2] = [randomUUID(), randomUUID()];
    const [s1, s2, s3] = [record(u1), record(u1), record(u2)];
    for (const r of [s1, s2, s3]) await store.set(r, 60);
    await store.delete(s1.id);
    expect(await store.listByUser(u1)).toEqual([s2.id]);
    expect(await store.get(s1.id)).toBeNull();
    await store.close();
  });
});
