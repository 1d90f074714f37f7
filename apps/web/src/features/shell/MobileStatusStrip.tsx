import { marketClock } from '@qd/domain/calendar';
import { formatMoney, formatPct, toneClass } from '../../format/numbers';
import { useNow } from '../../live/useNow';
import { useTopic } from '../../live/useTopic';
import { nextChangeText, SESSION_LABEL } from './marketClockText';

/** Phones: the market clock and the day's change on one line under the header. */
export function MobileStatusStrip() {
  const now = useNow();
  const clock = marketClock(now);
  const account = useTopic('account');
  return (
    <div className="num flex h-7 shrink-0 items-center justify-between gap-2 border-b border-line bg-panel px-3 text-xs md:hidden">
      <span data-testid="market-clock-mobile" className="truncate">
        <span className="text-muted">NYSE </span>
        <span className="font-semibold">{SESSION_LABEL[clock.session]}</span>
        <span className="text-muted"> · {nextChangeText(clock, now)}</span>
      </span>
      {account && (
        <span className={`shrink-0 ${toneClass(account.dayChange)}`}>
          Day {formatMoney(account.dayChange, { sign: true })} ({formatPct(account.dayChangePct)})
        </span>
      )}
    </div>
  );
}
