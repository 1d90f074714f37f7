import type { SystemStatus } from '@qd/contracts';
import { describe, expect, it } from 'vitest';
import { systemSummary } from './systemText';

const status: SystemStatus = {
  instanceId: 'host-42-ab12',
  startedAt: '2026-12-06T10:00:00.000Z',
  at: '2026-12-06T10:00:02.000Z',
  connectedClients: 3,
  gateway: { ok: true, latencyMs: 2.5, detail: null },
  database: { ok: false, latencyMs: null, detail: 'connection refused' },
  bus: { ok: true, latencyMs: 0.4, detail: null, kind: 'redis' },
  marketData: { ok: false, ageMs: 12_000 },
};

describe('systemSummary', () => {
  it('names the instance, each service, a failure and stale market data', () => {
    expect(systemSummary(status)).toBe(
      'Instance host-42-ab12 · gateway 2.5 ms · database DOWN · Redis 0.4 ms · market data 12.0 s old (STALE) · 3 connected',
    );
  });

  it('says when nothing is known yet', () => {
    expect(systemSummary(undefined)).toMatch(/not known/);
  });
});
