import type { MarketClock, MarketSession } from '@qd/domain/calendar';

export const SESSION_LABEL: Record<MarketSession, string> = {
  pre: 'PRE-MARKET',
  regular: 'OPEN',
  after: 'AFTER-HOURS',
  closed: 'CLOSED',
};

const NEXT_VERB: Record<MarketSession, string> = {
  pre: 'pre-market in',
  regular: 'opens in',
  after: 'closes in',
  closed: 'after-hours end in',
};

/** "2h 05m", "12m 09s", "45s": a countdown that keeps its width. */
export function formatCountdown(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (h >= 24) return `${Math.floor(h / 24)}d ${h % 24}h`;
  if (h > 0) return `${h}h ${two(m)}m`;
  if (m > 0) return `${m}m ${two(sec)}s`;
  return `${sec}s`;
}

/** "closes in 2h 05m" — what happens next and when. */
export function nextChangeText(clock: MarketClock, now: number): string {
  return `${NEXT_VERB[clock.next]} ${formatCountdown(clock.nextAt - now)}`;
}

const nyTime = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  weekday: 'short',
});

/** "Wed 09:31" in New York. */
export function newYorkClockText(now: number): string {
  return nyTime.format(new Date(now));
}
