import { describe, expect, it } from 'vitest';
import { MemorySessionStore } from './memorySessionStore';
import type { SessionRecord } from './sessionStore';

const record = (id: string, userId = 'u1'): SessionRecord => ({
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

describe('MemorySessionStore', () => {
  it('returns what was stored until the ttl runs out', async () => {
    let now = 1_000;
    const store = new MemorySessionStore(() => now);
    await store.set(record('s1'), 60);
    expect((await store.get('s1'))?.username).toBe('alice');
    now += 60_000;
    expect(await store.get('s1')).toBeNull();
  });

  it('hands out copies, so a caller cannot change a stored session by accident', async () => {
    const store = new MemorySessionStore();
    await store.set(record('s1'), 60);
    const got = await store.get('s1');
    got!.role = 'admin';
    expect((await store.get('s1'))?.role).toBe('viewer');
  });

  it('lists only the live sessions of one user, and forgets deleted ones', async () => {
    const store = new MemorySessionStore();
    await store.set(record('s1', 'u1'), 60);
    await store.set(record('s2', 'u1'), 60);
    await store.set(record('s3', 'u2'), 60);
    await store.delete('s1');
    expect(await store.listByUser('u1')).toEqual(['s2']);
    expect(await store.get('s1')).toBeNull();
  });
});
