import type { Quote } from '@qd/contracts';
import type { Database } from '@qd/platform';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';

/** Age of the freshest quote, or null when there is none. */
export function quoteAgeMs(quotes: Quote[], nowMs: number): number | null {
  if (!quotes.length) return null;
  return Math.max(0, nowMs - Math.max(...quotes.map((q) => Date.parse(q.ts))));
}

/** What the gateway reports about itself to the console's `system` topic. */
export interface GatewayHealth {
  database: { ok: boolean; latencyMs: number | null };
  marketDataAgeMs: number | null;
}

/** `GET /v1/health` (service credential): database round trip and market data age. */
export function registerHealthRoute(
  app: FastifyInstance,
  db: Database,
  quotes: () => Quote[],
  now: () => Date,
): void {
  app.get('/v1/health', async (): Promise<GatewayHealth> => {
    const t0 = performance.now();
    let database: GatewayHealth['database'];
    try {
      await db.execute(sql`select 1`);
      database = { ok: true, latencyMs: Math.round((performance.now() - t0) * 10) / 10 };
    } catch {
      database = { ok: false, latencyMs: null };
    }
    return { database, marketDataAgeMs: quoteAgeMs(quotes(), now().getTime()) };
  });
}
