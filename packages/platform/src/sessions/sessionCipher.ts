import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/** One AES-256 key with its id (the id is written next to each ciphertext). */
export interface SessionKey {
  kid: string;
  key: Buffer;
}

/** Parses `kid:base64key,kid:base64key` (32-byte keys); the first key encrypts, all decrypt. */
export function parseSessionKeys(spec: string): SessionKey[] {
  const keys = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.indexOf(':');
      if (at < 1) throw new Error(`session key "${entry.slice(0, 8)}…" is not kid:base64key`);
      const kid = entry.slice(0, at);
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(kid))
        throw new Error(`session key id "${kid}" must be 1-32 letters, digits, - or _`);
      const key = Buffer.from(entry.slice(at + 1), 'base64');
      if (key.length !== 32) throw new Error(`session key "${kid}" must be 32 bytes (base64)`);
      return { kid, key };
    });
  if (!keys.length) throw new Error('no session keys');
  if (new Set(keys.map((k) => k.kid)).size !== keys.length)
    throw new Error('session key ids must be unique');
  return keys;
}

/**
 * AES-256-GCM envelope for session data at rest: `v1.kid.iv.ciphertext.tag` (base64url).
 * The additional data binds a ciphertext to its session, so records cannot be swapped between ids.
 * The first key encrypts; every key decrypts, so keys rotate without ending sessions.
 */
export class SessionCipher {
  private readonly byKid: Map<string, Buffer>;
  private readonly primary: SessionKey;

  constructor(keys: SessionKey[]) {
    if (!keys.length) throw new Error('SessionCipher needs at least one key');
    this.primary = keys[0]!;
    this.byKid = new Map(keys.map((k) => [k.kid, k.key]));
  }

  /** A cipher with one random key that lives as long as the process (tests, memory store). */
  static ephemeral(): SessionCipher {
    return new SessionCipher([{ kid: 'ephemeral', key: randomBytes(32) }]);
  }

  /** Id of the key new data is encrypted with. */
  get currentKid(): string {
    return this.primary.kid;
  }

  /** Encrypts text, bound to `context` (the session id). */
  seal(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.primary.key, iv);
    c.setAAD(Buffer.from(context));
    const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
    const parts = [iv, body, c.getAuthTag()].map((b) => b.toString('base64url'));
    return [VERSION, this.primary.kid, ...parts].join('.');
  }

  /** Decrypts; null when the key id is unknown, the context differs or the data was altered. */
  open(sealed: string, context: string): string | null {
    const [version, kid, iv, body, tag] = sealed.split('.');
    if (version !== VERSION || !kid || iv === undefined || body === undefined || !tag) return null;
    const key = this.byKid.get(kid);
    if (!key) return null;
    try {
      const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      d.setAAD(Buffer.from(context));
      d.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8');
    } catch {
      return null;
    }
  }

  /** Key id a sealed value was written with (for rotation reports). */
  static kidOf(sealed: string): string | null {
    return sealed.split('.')[1] ?? null;
  }
}
