import { marketClock } from '@qd/domain/calendar';
import { Clock } from 'lucide-react';
import { useNow } from '../../live/useNow';
import { newYorkClockText, nextChangeText, SESSION_LABEL } from './marketClockText';

const TONE = {
  regular: 'text-up',
  pre: 'text-warn',
  after: 'text-warn',
  closed: 'text-muted',
} as const;

/** NYSE session (pre/regular/after/closed) with the countdown to the next change, New York time. */
export function MarketClockBadge() {
  const now = useNow();
  const clock = marketClock(now);
  const day =
    clock.day.kind === 'holiday'
      ? `Holiday: ${clock.day.name}`
      : clock.day.kind === 'half'
        ? `Early close 13:00 ET: ${clock.day.name}`
        : clock.day.kind === 'weekend'
          ? 'Weekend'
          : 'Full trading day';
  return (
    <span
      data-testid="market-clock"
      title={`NYSE, New York time (ET). ${clock.date}: ${day}. Next change at ${new Date(clock.nextAt).toLocaleString()}.`}
      className="num hidden h-6 items-center gap-1.5 rounded-md border border-line-strong bg-raised px-2 text-xs whitespace-nowrap md:inline-flex"
    >
      <Clock aria-hidden className="size-3.5 text-muted" />
      <span className="hidden text-muted xl:inline">NYSE</span>
      <span data-testid="market-session" className={`font-semibold ${TONE[clock.session]}`}>
        {SESSION_LABEL[clock.session]}
      </span>
      {clock.day.kind === 'half' && <span className="text-warn">half day</span>}
      <span className="hidden text-muted 2xl:inline">{newYorkClockText(now)} ET</span>
      <span className="text-faint">·</span>
      <span>{nextChangeText(clock, now)}</span>
    </span>
  );
}
