import type { Instrument } from '@qd/contracts';
import { decimalsOfTick, formatNumber, formatQty, toneClass } from '../../format/numbers';
import { formatAge } from '../../format/time';
import { useFreshness } from '../../live/useFreshness';
import { useTopic } from '../../live/useTopic';
import { StaleMarker } from '../../ui/StaleMarker';
import { usePosition } from '../positions/usePositions';

/** Live bid/ask/last and the current position for the ticket's symbol. */
export function TicketMarket({ instrument }: { instrument: Instrument | null }) {
  const topic = instrument ? (`prices:${instrument.symbol}` as const) : null;
  const quote = useTopic(topic);
  const fresh = useFreshness(topic);
  const position = usePosition(instrument?.symbol ?? null);
  const dp = decimalsOfTick(instrument?.tickSize);

  if (!instrument) {
    return (
      <p className="rounded-md border border-line px-3 py-2 text-xs text-faint">
        Enter a symbol to see its market.
      </p>
    );
  }
  const cell = (label: string, value: string | undefined, cls = '') => (
    <div className="flex flex-col">
      <span className="text-xs text-muted">{label}</span>
      <span className={`num text-ui font-medium ${cls}`}>
        {quote ? formatNumber(value, dp) : '—'}
      </span>
    </div>
  );
  return (
    <div className={`rounded-md border border-line px-3 py-2 ${fresh.stale ? 'stale' : ''}`}>
      <div className="mb-1.5 flex items-center justify-between gap-2 text-xs">
        <span className="truncate text-muted" title={instrument.name}>
          {instrument.name}
        </span>
        <StaleMarker freshness={fresh} />
        {!fresh.stale && (
          <span
            className="num shrink-0 text-faint"
            title={quote ? `Quote time ${quote.ts}` : undefined}
          >
            {fresh.ageMs === undefined ? 'waiting…' : `${formatAge(fresh.ageMs)} ago`}
          </span>
        )}
      </div>
      <div className="grid grid-cols-3 gap-2">
        {cell('Bid', quote?.bid, 'text-down')}
        {cell('Ask', quote?.ask, 'text-up')}
        {cell('Last', quote?.last)}
      </div>
      <p className="num mt-1.5 text-xs text-muted">
        Position:{' '}
        {position === undefined ? (
          '—'
        ) : position === null ? (
          'flat'
        ) : (
          <span className={toneClass(position.qty)}>
            {formatQty(position.qty, { sign: true })} @ {formatNumber(position.avgPrice, dp)}
          </span>
        )}
      </p>
    </div>
  );
}
