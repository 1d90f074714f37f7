import type { Account } from '@qd/contracts';
import type { ReactNode } from 'react';
import { formatMoney, formatNumber, formatPct, toneClass } from '../../format/numbers';
import { formatDateTime } from '../../format/time';
import { useFreshness } from '../../live/useFreshness';
import { useTopic } from '../../live/useTopic';
import { SkeletonText } from '../../ui/Skeleton';
import { StaleMarker } from '../../ui/StaleMarker';

interface Metric {
  id: string;
  label: string;
  value: (a: Account) => string;
  tone?: (a: Account) => string;
  sub: (a: Account) => ReactNode;
}

const METRICS: Metric[] = [
  {
    id: 'metric-nlv',
    label: 'Net liquidation',
    value: (a) => formatMoney(a.equity),
    sub: (a) => (
      <span className={toneClass(a.dayChange)}>
        {formatMoney(a.dayChange, { sign: true })} ({formatPct(a.dayChangePct)}) today
      </span>
    ),
  },
  {
    id: 'metric-buying-power',
    label: 'Buying power',
    value: (a) => formatMoney(a.buyingPower),
    sub: (a) => `Cash ${formatMoney(a.cash)}`,
  },
  {
    id: 'metric-unrealized',
    label: 'Unrealized P&L',
    value: (a) => formatMoney(a.unrealizedPnl, { sign: true }),
    tone: (a) => toneClass(a.unrealizedPnl),
    sub: (a) => `Gross leverage ${formatNumber(a.grossLeverage, 2)}×`,
  },
  {
    id: 'metric-realized',
    label: 'Realized P&L today',
    value: (a) => formatMoney(a.realizedPnlToday, { sign: true }),
    tone: (a) => toneClass(a.realizedPnlToday),
    sub: () => 'Closed trades since the open',
  },
  {
    id: 'metric-positions',
    label: 'Positions',
    value: (a) => String(a.positionsCount),
    sub: (a) => `Long ${formatMoney(a.longMarketValue)} · Short ${formatMoney(a.shortMarketValue)}`,
  },
];

/** The account at a glance. Values keep their box size while loading, so nothing jumps. */
export function MetricStrip() {
  const account = useTopic('account');
  const fresh = useFreshness('account');
  return (
    <section
      aria-label="Account metrics"
      title={account ? `As of ${formatDateTime(account.asOf)}` : undefined}
      className={`relative grid grid-cols-2 rounded-lg border border-line bg-panel sm:grid-cols-3 lg:grid-cols-5 ${fresh.stale ? 'stale' : ''}`}
    >
      {METRICS.map((m) => (
        <div
          key={m.id}
          className="flex min-w-0 flex-col gap-0.5 border-line px-4 py-2.5 not-last:border-r"
        >
          <span className="text-xs text-muted">{m.label}</span>
          <span
            data-testid={m.id}
            className={`num truncate text-base leading-7 font-semibold sm:text-xl ${account && m.tone ? m.tone(account) : ''}`}
          >
            {account ? m.value(account) : <SkeletonText width="7rem" />}
          </span>
          <span className="num truncate text-xs text-faint">
            {account ? m.sub(account) : '\u00a0'}
          </span>
        </div>
      ))}
      <span className="absolute top-2 right-2">
        <StaleMarker freshness={fresh} />
      </span>
    </section>
  );
}
