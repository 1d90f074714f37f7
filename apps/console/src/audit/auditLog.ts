import { createHash } from 'node:crypto';
import { schema, type Database, type Tx } from '@qd/platform';
import { desc } from 'drizzle-orm';

export interface AuditEntry {
  actor: string;
  action: string;
  target?: string | null;
  outcome: 'success' | 'failure' | 'denied';
  reason?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  detail?: Record<string, unknown> | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth (jsonb does not keep key order). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k] ?? null)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** sha256 over the previous hash and the row's canonical JSON: editing any row breaks the chain. */
export function chainHash(prevHash: string, row: Record<string, unknown>): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(row)).digest('hex');
}

/** Append-only, hash-chained audit log; writes are serialized so the chain never forks. */
export class AuditLog {
  private tail: Promise<unknown> = Promise.resolve();
  private lastHash: string | null = null;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Writes one entry; rejects (and so fails the action) when the write fails. */
  write(entry: AuditEntry): Promise<void> {
    const job = this.tail.then(() => this.append(entry));
    this.tail = job.catch(() => {
      this.lastHash = null; // re-read the tail after a failure
    });
    return job;
  }

  /**
   * Runs `effect` and its audit entries in one database transaction, holding the chain: if the
   * audit write fails the effect rolls back, and the effect is never committed unaudited.
   * Inside, use only the given `audit` (calling `write` would wait for this job: deadlock).
   */
  transaction<T>(
    effect: (tx: Tx, audit: (entry: AuditEntry) => Promise<void>) => Promise<T>,
  ): Promise<T> {
    const job = this.tail.then(() =>
      this.db.transaction((tx) => effect(tx, (entry) => this.append(entry, tx))),
    );
    this.tail = job.catch(() => {
      this.lastHash = null; // a rolled-back append leaves the in-memory tail wrong
    });
    return job;
  }

  private async append(entry: AuditEntry, db: Database | Tx = this.db): Promise<void> {
    if (this.lastHash === null) {
      const [last] = await db
        .select({ hash: schema.auditLog.hash })
        .from(schema.auditLog)
        .orderBy(desc(schema.auditLog.id))
        .limit(1);
      this.lastHash = last?.hash ?? GENESIS_HASH;
    }
    const row = {
      at: this.now().toISOString(),
      actor: entry.actor,
      action: entry.action,
      target: entry.target ?? null,
      outcome: entry.outcome,
      reason: entry.reason ?? null,
      ip: entry.ip ?? null,
      userAgent: entry.userAgent ?? null,
      requestId: entry.requestId ?? null,
      detail: entry.detail ?? null,
    };
    const hash = chainHash(this.lastHash, row);
    await db.insert(schema.auditLog).values({ ...row, prevHash: this.lastHash, hash });
    this.lastHash = hash;
  }
}

/** Recomputes the chain; returns the id of the first broken row, or null when intact. */
export async function verifyAuditChain(db: Database): Promise<number | null> {
  const rows = await db.select().from(schema.auditLog).orderBy(schema.auditLog.id);
  let prev = GENESIS_HASH;
  for (const r of rows) {
    const { id, prevHash, hash, ...rest } = r;
    const body = { ...rest, at: new Date(rest.at).toISOString() };
    if (prevHash !== prev || chainHash(prev, body) !== hash) return id;
    prev = hash;
  }
  return null;
}
