import { api } from './api';
import { bundle } from './bundle';
import { confirm } from './confirm';
import { failover } from './failover';
import { grid } from './grid';
import { order } from './order';
import { pageload } from './pageload';
import { push } from './push';
import { soak } from './soak';
import { row, type ResultRow, type Scenario } from './types';

/** Every scenario, in the order a full run executes them. */
export const SCENARIOS: Array<Scenario & { inDefaultRun: boolean }> = [
  { ...bundle, inDefaultRun: true },
  { ...push, inDefaultRun: true },
  { ...api, inDefaultRun: true },
  { ...order, inDefaultRun: true },
  { ...pageload, inDefaultRun: true },
  { ...confirm, inDefaultRun: true },
  { ...grid, inDefaultRun: true },
  { ...soak, inDefaultRun: false },
  { ...failover, inDefaultRun: true },
];

/** The table's rows in order, with targets, so rows not measured in a run still show. */
export const KNOWN_ROWS: ResultRow[] = [
  ...[1, 100, 1000, 2000].map((n) =>
    row({
      id: `push-${n}`,
      scenario: `P&L push, gateway event → WS frame, ${n.toLocaleString('en-US')} client${n === 1 ? '' : 's'}`,
      seedTarget: '< 50 ms',
      goal: n <= 100 ? 'p99 < 10 ms' : n === 1000 ? 'p99 < 50 ms; ≤ 2× bare ws' : '≤ 2× bare ws',
      unit: 'ms',
    }),
  ),
  row({
    id: 'clients',
    scenario: 'Connected clients per console instance with < 1 % errors',
    seedTarget: '100 concurrent users',
    goal: '≥ 2,000',
    unit: 'clients',
  }),
  row({
    id: 'memory-per-client',
    scenario: 'Server memory per connected client (RSS growth ÷ clients)',
    seedTarget: '< 25 MB per user',
    goal: '< 100 KB',
    unit: 'KB',
  }),
  row({
    id: 'api-positions',
    scenario: 'API read GET /api/v1/positions at 200 req/s, evenly spaced (autocannon)',
    seedTarget: 'p99 < 300 ms',
    goal: 'p99 < 20 ms',
    unit: 'ms',
  }),
  row({
    id: 'order-e2e',
    scenario: 'Order end to end: POST → fill frame on the WS (paper broker, market order)',
    seedTarget: '< 200 ms',
    goal: 'p99 < 25 ms',
    unit: 'ms',
  }),
  row({
    id: 'bundle-login',
    scenario: 'JS for the login route, gzipped',
    seedTarget: '—',
    goal: '≤ 100 KB',
    unit: 'KB',
  }),
  row({
    id: 'bundle-dashboard',
    scenario: 'JS for the dashboard route incl. AG Grid, gzipped',
    seedTarget: '—',
    goal: '≤ 350 KB',
    unit: 'KB',
  }),
  row({
    id: 'pageload-cold',
    scenario: 'Page load, cold (no HTTP cache) → first positions row, Chromium',
    seedTarget: '< 500 ms',
    goal: '< 150 ms',
    unit: 'ms',
  }),
  row({
    id: 'pageload-warm',
    scenario: 'Page load, warm (HTTP cache) → first positions row, Chromium',
    seedTarget: '< 500 ms',
    goal: '< 60 ms',
    unit: 'ms',
  }),
  row({
    id: 'confirm-dialog',
    scenario: 'Click Preview → confirm dialog visible, Chromium',
    seedTarget: '—',
    goal: '< 16 ms',
    unit: 'ms',
  }),
  row({
    id: 'grid-1000',
    scenario: 'Grid: 1,000 positions rows at 10 updates/s (every row each update), Chromium',
    seedTarget: '100 rows < 100 ms',
    goal: 'frame p95 < 8 ms',
    unit: 'ms',
  }),
  row({
    id: 'soak-rss',
    scenario: 'Soak 30 min, 1,000 clients: RSS trend',
    seedTarget: '—',
    goal: 'flat',
    unit: 'MiB/h',
    notes: 'run with npm run bench -- soak',
  }),
  row({
    id: 'soak-lag',
    scenario: 'Soak 30 min, 1,000 clients: event-loop lag (p99 of each minute)',
    seedTarget: '—',
    goal: 'flat',
    unit: 'ms',
    notes: 'run with npm run bench -- soak',
  }),
  row({
    id: 'failover',
    scenario: 'Instance failover: SIGKILL 1 of 3 behind nginx → every client resubscribed',
    seedTarget: '—',
    goal: '< 5 s',
    unit: 'ms',
  }),
  row({
    id: 'order-e2e-fills-only',
    scenario: 'Order end to end, diagnostic: socket subscribed to fills only',
    seedTarget: '< 200 ms',
    goal: 'p99 < 25 ms',
    unit: 'ms',
  }),
  row({
    id: 'api-positions-burst',
    scenario:
      "API read, diagnostic: autocannon's overallRate 200 over 10 connections (each second's requests back to back)",
    seedTarget: 'p99 < 300 ms',
    goal: 'p99 < 20 ms',
    unit: 'ms',
  }),
];
