import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { SYSTEM_MARKET_DATA_MAX_AGE_MS, type ServiceCheck, type SystemStatus } from '@qd/contracts';
import type { Database, Redis } from '@qd/platform';
import { sql } from 'drizzle-orm';

/** How often the instance re-measures and pushes `system` (a state topic: latest wins). */
export const SYSTEM_INTERVAL_MS = 2_000;

/** A name for this console process: host, pid and a random tag (pids repeat across hosts). */
export function consoleInstanceId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(2).toString('hex')}`;
}

export interface SystemProbes {
  /** The gateway's `GET /v1/health`. */
  gatewayHealth(): Promise<{ marketDataAgeMs: number | null }>;
  db: Database;
  /** Redis behind the bus; unset → the in-memory bus. */
  redis?: Redis | undefined;
  connectedClients(): number;
}

const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;

/** Times one probe: ok with its latency, or not ok with the reason. */
async function timed<T>(probe: () => Promise<T>): Promise<{ check: ServiceCheck; value?: T }> {
  const t0 = performance.now();
  try {
    const value = await probe();
    return { check: { ok: true, latencyMs: ms(t0), detail: null }, value };
  } catch (err) {
    return { check: { ok: false, latencyMs: null, detail: (err as Error).message.slice(0, 200) } };
  }
}

/**
 * Measures what this console instance sees of its dependencies and publishes it as the
 * instance-owned `system` topic (see InstanceTopics) every SYSTEM_INTERVAL_MS.
 */
export class SystemMonitor {
  private timer: NodeJS.Timeout | null = null;
  private readonly startedAt = new Date().toISOString();

  constructor(
    readonly instanceId: string,
    private readonly probes: SystemProbes,
    private readonly publish: (status: SystemStatus) => void,
  ) {}

  /** Measures once and publishes (then on a timer). */
  async start(): Promise<void> {
    await this.sample();
    this.timer = setInterval(() => void this.sample(), SYSTEM_INTERVAL_MS);
    this.timer.unref();
  }

  async sample(): Promise<SystemStatus> {
    const [gateway, database, bus] = await Promise.all([
      timed(() => this.probes.gatewayHealth()),
      timed(() => this.probes.db.execute(sql`select 1`)),
      this.probes.redis
        ? timed(() => this.probes.redis!.ping())
        : Promise.resolve({ check: { ok: true, latencyMs: null, detail: 'in-memory bus' } }),
    ]);
    const ageMs = gateway.value?.marketDataAgeMs ?? null;
    const status: SystemStatus = {
      instanceId: this.instanceId,
      startedAt: this.startedAt,
      at: new Date().toISOString(),
      connectedClients: this.probes.connectedClients(),
      gateway: gateway.check,
      database: database.check,
      bus: { ...bus.check, kind: this.probes.redis ? 'redis' : 'memory' },
      marketData: { ok: ageMs !== null && ageMs <= SYSTEM_MARKET_DATA_MAX_AGE_MS, ageMs },
    };
    this.publish(status);
    return status;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
