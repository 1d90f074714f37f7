import { BreakerThresholds, RiskLimits } from '@qd/contracts';
import { DEFAULT_RISK_LIMITS } from '@qd/domain';
import { schema, type Database } from '@qd/platform';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';

/** Thresholds a fresh install starts with (admins edit them on the breaker page). */
export const DEFAULT_BREAKER_THRESHOLDS: BreakerThresholds = {
  dailyLossLimit: '50000',
  maxDrawdownPct: '5',
  maxQuoteAgeMs: 30_000,
  maxBrokerErrorPct: '50',
  minBrokerSamples: 10,
  brokerWindowMs: 60_000,
};

const SETTINGS = {
  risk_limits: { schema: RiskLimits, fallback: DEFAULT_RISK_LIMITS as RiskLimits },
  breaker_thresholds: { schema: BreakerThresholds, fallback: DEFAULT_BREAKER_THRESHOLDS },
} as const;
type Key = keyof typeof SETTINGS;

/** Reads a setting (the default when never set); a stored value that no longer parses throws. */
export async function readSetting<K extends Key>(
  db: Database,
  key: K,
): Promise<z.infer<(typeof SETTINGS)[K]['schema']>> {
  const [row] = await db
    .select()
    .from(schema.tradingSettings)
    .where(eq(schema.tradingSettings.key, key));
  if (!row) return SETTINGS[key].fallback as z.infer<(typeof SETTINGS)[K]['schema']>;
  return SETTINGS[key].schema.parse(row.value) as z.infer<(typeof SETTINGS)[K]['schema']>;
}

/** Stores a setting (validated by the caller's schema). */
export async function writeSetting(
  db: Database,
  key: Key,
  value: unknown,
  actor: string,
  at: Date,
): Promise<void> {
  const row = { key, value, updatedBy: actor, updatedAt: at.toISOString() };
  await db
    .insert(schema.tradingSettings)
    .values(row)
    .onConflictDoUpdate({ target: schema.tradingSettings.key, set: row });
}
