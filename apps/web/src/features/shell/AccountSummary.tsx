import { formatMoney, formatNumber, formatPct, toneClass } from '../../format/numbers';
import { useFreshness } from '../../live/useFreshness';
import { useTopic } from '../../live/useTopic';
import { SkeletonText } from '../../ui/Skeleton';

/** NLV, gross leverage and day change, compact, for the header. */
export function AccountSummary() {
  const account = useTopic('account');
  const fresh = useFreshness('account');
  return (
    <div
      className={`num hidden items-baseline gap-3 text-ui whitespace-nowrap lg:flex ${fresh.stale ? 'stale' : ''}`}
    >
      <span className="flex items-baseline gap-1.5">
        <span className="text-xs text-muted">NLV</span>
        {account ? (
          <span className="font-semibold">{formatMoney(account.equity)}</span>
        ) : (
          <SkeletonText width="5rem" />
        )}
      </span>
      <span
        className="hidden items-baseline gap-1.5 xl:flex"
        title="Gross leverage: (long + |short|) / NLV"
      >
        <span className="text-xs text-muted">Lev</span>
        {account ? (
          <span data-testid="header-leverage">{formatNumber(account.grossLeverage, 2)}×</span>
        ) : (
          <SkeletonText width="2.5rem" />
        )}
      </span>
      <span className="flex items-baseline gap-1.5">
        <span className="text-xs text-muted">Day</span>
        {account ? (
          <span className={toneClass(account.dayChange)}>
            {formatMoney(account.dayChange, { sign: true })}
            <span className="hidden 2xl:inline"> ({formatPct(account.dayChangePct)})</span>
          </span>
        ) : (
          <SkeletonText width="7rem" />
        )}
      </span>
    </div>
  );
}
