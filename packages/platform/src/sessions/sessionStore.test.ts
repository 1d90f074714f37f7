import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { MemorySessionStore } from './memorySessionStore';
import { RedisSessionStore } from './redisSessionStore';
import { SessionCipher, parseSessionKeys } from './sessionCipher';
import type { SessionRecord, SessionStore } from './sessionStore';

const record = (userId: string, id = randomUUID()): SessionRecord => ({
  id,
  handle: randomUUID(),
  userId,
  username: 'alice-the-user',
  role: 'viewer',
  csrfToken: 'csrf',
  createdAt: 0,
  lastSeenAt: 0,
  userAgent: 'ua',
  ip: '127.0.0.1',
  mfaAt: null,
  stepUpAt: null,
  mfaEnrolmentRequired: false,
});
const key = (kid: string) => ({ kid, key: randomBytes(32) });

interface Impl {
  name: string;
  make(cipher?: SessionCipher): SessionStore;
  /** The same stored data through another key ring. */
  reopen(store: SessionStore, cipher: SessionCipher): SessionStore;
  raw(store: SessionStore, id: string): Promise<string | null>;
}

// One contract, both implementations.
describe.each<Impl>([
  {
    name: 'memory',
    make: (cipher) => new MemorySessionStore(Date.now, cipher),
    reopen: (store, cipher) => (store as MemorySessionStore).withCipher(cipher),
    raw: async (store, id) => (store as MemorySessionStore).rawValue(id),
  },
  {
    name: 'redis',
    make: (cipher) =>
      new RedisSessionStore(inject('redisUrl'), cipher ?? SessionCipher.ephemeral()),
    reopen: (_store, cipher) => new RedisSessionStore(inject('redisUrl'), cipher),
    raw: (store, id) => (store as RedisSessionStore).rawValue(id),
  },
])('$name session store', ({ make, reopen, raw }) => {
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
    expect((await store.listByUser(u1)).map((r) => r.id)).toEqual([s2.id]);
    expect(await store.get(s1.id)).toBeNull();
    await store.close();
  });

  it('keeps session data encrypted at rest: neither the id nor the contents are readable', async () => {
    const store = make();
    const r = record(randomUUID());
    await store.set(r, 60);
    const stored = (await raw(store, r.id))!;
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain('alice-the-user');
    expect(stored).not.toContain(r.id);
    await store.close();
  });

  it('reads sessions written with a retired key after rotation, and writes with the new key', async () => {
    const [k1, k2] = [key('k1'), key('k2')];
    const before = make(new SessionCipher([k1]));
    const r = record(randomUUID());
    await before.set(r, 60);
    const after = reopen(before, new SessionCipher([k2, k1]));
    expect((await after.get(r.id))?.username).toBe('alice-the-user');
    await after.set(r, 60);
    expect(SessionCipher.kidOf((await raw(after, r.id))!)).toBe('k2');
    await after.close();
    if (after !== before) await before.close().catch(() => undefined);
  });

  it('treats a session sealed with a key it no longer has as absent (no crash, no data)', async () => {
    const before = make(new SessionCipher([key('old')]));
    const r = record(randomUUID());
    await before.set(r, 60);
    const after = reopen(before, new SessionCipher([key('new')]));
    expect(await after.get(r.id)).toBeNull();
    expect(await after.listByUser(r.userId)).toEqual([]);
    await after.close();
    if (after !== before) await before.close().catch(() => undefined);
  });
});

describe('SessionCipher', () => {
  const cipher = new SessionCipher([key('a')]);

  it('refuses a value that was altered, or moved to another session', () => {
    const sealed = cipher.seal('{"x":1}', 'slot-1');
    expect(cipher.open(sealed, 'slot-1')).toBe('{"x":1}');
    expect(cipher.open(sealed, 'slot-2')).toBeNull();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('{"x":2}').toString('base64url');
    expect(cipher.open(parts.join('.'), 'slot-1')).toBeNull();
  });

  it('parses a key list and names what is wrong with a bad one', () => {
    const b64 = randomBytes(32).toString('base64');
    expect(parseSessionKeys(`k2:${b64},k1:${b64}`).map((k) => k.kid)).toEqual(['k2', 'k1']);
    expect(() => parseSessionKeys('k1:c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => parseSessionKeys(`nokid${b64}`)).toThrow(/kid:base64key/);
    expect(() => parseSessionKeys(`a:${b64},a:${b64}`)).toThrow(/unique/);
  });
});
