import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ApiKeySummary, CreatedApiKey, Permission } from '@qd/contracts';
import { schema, type Database, type SessionRecord, type Tx } from '@qd/platform';
import { and, desc, eq } from 'drizzle-orm';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

function summary(r: typeof schema.apiKeys.$inferSelect): ApiKeySummary {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: r.scopes as Permission[],
    createdAt: iso(r.createdAt)!,
    expiresAt: iso(r.expiresAt)!,
    lastUsedAt: iso(r.lastUsedAt),
    revokedAt: iso(r.revokedAt),
  };
}

/**
 * API keys for scripts: a random 256-bit token shown once; only its sha256 is stored (a high-entropy
 * token needs no slow hash). Scoped to named permissions, expiring, revocable.
 */
export class ApiKeys {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  /** Creates a key (in `db`, the caller's transaction if given); the token is in the result only. */
  async create(
    userId: string,
    input: { name: string; scopes: Permission[]; expiresInDays: number },
    db: Database | Tx = this.db,
  ): Promise<CreatedApiKey> {
    const prefix = randomBytes(4).toString('hex');
    const token = `qdk_${prefix}_${randomBytes(32).toString('base64url')}`;
    const [row] = await db
      .insert(schema.apiKeys)
      .values({
        id: randomUUID(),
        userId,
        name: input.name,
        prefix,
        tokenHash: hashToken(token),
        scopes: [...new Set(input.scopes)],
        createdAt: this.now().toISOString(),
        expiresAt: new Date(this.now().getTime() + input.expiresInDays * 86_400_000).toISOString(),
      })
      .returning();
    return { ...summary(row!), token };
  }

  async list(userId: string): Promise<ApiKeySummary[]> {
    const rows = await this.db
      .select()
      .from(schema.apiKeys)
      .where(eq(schema.apiKeys.userId, userId))
      .orderBy(desc(schema.apiKeys.createdAt));
    return rows.map(summary);
  }

  /** Revokes one of the user's keys (in `db`); false when the user has no such key. */
  async revoke(userId: string, id: string, db: Database | Tx = this.db): Promise<boolean> {
    const rows = await db
      .update(schema.apiKeys)
      .set({ revokedAt: this.now().toISOString() })
      .where(and(eq(schema.apiKeys.id, id), eq(schema.apiKeys.userId, userId)))
      .returning({ id: schema.apiKeys.id });
    return rows.length > 0;
  }

  /** The key's owner as a request principal, and its scopes; null when unknown/expired/revoked. */
  async authenticate(
    token: string,
  ): Promise<{ principal: SessionRecord; scopes: Permission[] } | null> {
    if (!/^qdk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const [row] = await this.db
      .select({ key: schema.apiKeys, user: schema.users })
      .from(schema.apiKeys)
      .innerJoin(schema.users, eq(schema.users.id, schema.apiKeys.userId))
      .where(eq(schema.apiKeys.tokenHash, hashToken(token)));
    const t = this.now();
    if (!row || row.key.revokedAt || new Date(row.key.expiresAt) <= t || row.user.disabled)
      return null;
    await this.db
      .update(schema.apiKeys)
      .set({ lastUsedAt: t.toISOString() })
      .where(eq(schema.apiKeys.id, row.key.id));
    return {
      scopes: row.key.scopes as Permission[],
      principal: {
        id: `apikey:${row.key.id}`,
        handle: `apikey:${row.key.id}`,
        userId: row.user.id,
        username: row.user.username,
        role: row.user.role,
        csrfToken: '',
        createdAt: t.getTime(),
        lastSeenAt: t.getTime(),
        userAgent: '',
        ip: '',
        mfaAt: null,
        stepUpAt: null,
        mfaEnrolmentRequired: false,
        strategyScope: row.user.role === 'admin' ? null : row.user.strategyScope,
      },
    };
  }
}
