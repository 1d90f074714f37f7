import type { ServiceCheck, SystemStatus } from '@qd/contracts';

const check = (name: string, c: ServiceCheck) =>
  c.ok ? `${name} ${c.latencyMs === null ? 'ok' : `${c.latencyMs} ms`}` : `${name} DOWN`;

/**
 * One line on the health of the services as the console instance this tab is connected to
 * sees them (the `system` topic), for the connection badge's tooltip.
 */
export function systemSummary(s: SystemStatus | undefined): string {
  if (!s) return 'Service health not known yet';
  const age =
    s.marketData.ageMs === null
      ? 'no market data'
      : `market data ${(s.marketData.ageMs / 1000).toFixed(1)} s old`;
  return [
    `Instance ${s.instanceId}`,
    check('gateway', s.gateway),
    check('database', s.database),
    check(s.bus.kind === 'redis' ? 'Redis' : 'bus (in memory)', s.bus),
    s.marketData.ok ? age : `${age} (STALE)`,
    `${s.connectedClients} connected`,
  ].join(' · ');
}
