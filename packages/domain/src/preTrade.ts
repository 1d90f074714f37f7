import { Decimal, dec, money, str } from './money';

export type KillSwitchView = 'engaged' | 'disengaged' | 'unknown';
/** Circuit breaker as the checks see it: a tripped or unreadable breaker blocks new risk. */
export type BreakerView = 'ok' | 'tripped' | 'unknown';

export interface PreTradeLimits {
  maxNotional: Decimal;
  maxQty: Decimal;
  /** Largest order as a percentage of average daily volume. */
  maxAdvPct: Decimal;
  /** Oldest acceptable quote, in milliseconds. */
  maxQuoteAgeMs: number;
}

export const DEFAULT_LIMITS: PreTradeLimits = {
  maxNotional: dec(5_000_000),
  maxQty: dec(100_000),
  maxAdvPct: dec(5),
  maxQuoteAgeMs: 5_000,
};

export interface PreTradeInput {
  killSwitch: KillSwitchView;
  tradable: boolean;
  qty: Decimal;
  estimatedPrice: Decimal;
  adv: number;
  quoteAgeMs: number | null;
  buyingPower: Decimal;
  buyingPowerNeeded: Decimal;
  limits: PreTradeLimits;
  /** Breaker state and why it tripped; blocks entries (exits still reduce risk). */
  breaker: { view: BreakerView; reason: string | null };
  /** Whether the order only reduces a position (an exit). */
  exit: boolean;
  /** Scope of an active "pause new entries" (`all entries`, `strategy momo`), or null. */
  entriesPaused: string | null;
  /** Position limits: gross exposure now and after, per-strategy position and gross after. */
  position?: PositionLimitInput;
  /** Where each order limit came from (`AAPL override`); named in a reject when not global. */
  sources?: Partial<Record<'maxNotional' | 'maxQty' | 'maxAdvPct' | 'maxQuoteAgeMs', string>>;
}

const SOURCE_OF: Record<string, 'maxNotional' | 'maxQty' | 'maxAdvPct' | 'maxQuoteAgeMs'> = {
  max_notional: 'maxNotional',
  max_qty: 'maxQty',
  max_adv_pct: 'maxAdvPct',
  quote_age: 'maxQuoteAgeMs',
};

export interface PositionLimitInput {
  grossAfter: Decimal;
  maxGrossExposure: Decimal;
  strategy: {
    id: string;
    positionQtyAfter: Decimal;
    maxPositionQty: Decimal | null;
    grossAfter: Decimal;
    maxGrossExposure: Decimal | null;
  } | null;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** Runs every pre-trade check; each failure says which limit and by how much. */
export function preTradeChecks(i: PreTradeInput): Check[] {
  const notional = i.qty.mul(i.estimatedPrice);
  const advPct = i.adv > 0 ? i.qty.div(i.adv).mul(100) : dec(100);
  const checks: Check[] = [
    i.killSwitch === 'disengaged'
      ? { name: 'kill_switch', ok: true, detail: 'kill switch disengaged' }
      : {
          name: 'kill_switch',
          ok: false,
          detail:
            i.killSwitch === 'engaged'
              ? 'kill switch engaged: trading is halted'
              : 'kill switch state unknown: trading is blocked until it can be read',
        },
    {
      name: 'tradable',
      ok: i.tradable,
      detail: i.tradable ? 'symbol is tradable' : 'symbol is not tradable',
    },
    i.quoteAgeMs === null
      ? { name: 'quote_age', ok: false, detail: 'no market data for this symbol' }
      : i.quoteAgeMs > i.limits.maxQuoteAgeMs
        ? {
            name: 'quote_age',
            ok: false,
            detail: `quote is ${(i.quoteAgeMs / 1000).toFixed(1)} s old (limit ${i.limits.maxQuoteAgeMs / 1000} s)`,
          }
        : { name: 'quote_age', ok: true, detail: 'quote is fresh' },
    notional.gt(i.limits.maxNotional)
      ? {
          name: 'max_notional',
          ok: false,
          detail: `notional $${money(notional)} exceeds the $${money(i.limits.maxNotional)} limit by $${money(notional.minus(i.limits.maxNotional))}`,
        }
      : {
          name: 'max_notional',
          ok: true,
          detail: `notional $${money(notional)} within $${money(i.limits.maxNotional)}`,
        },
    i.qty.gt(i.limits.maxQty)
      ? {
          name: 'max_qty',
          ok: false,
          detail: `quantity ${str(i.qty)} exceeds the ${str(i.limits.maxQty)} share limit by ${str(i.qty.minus(i.limits.maxQty))}`,
        }
      : { name: 'max_qty', ok: true, detail: `quantity within ${str(i.limits.maxQty)} shares` },
    advPct.gt(i.limits.maxAdvPct)
      ? {
          name: 'max_adv_pct',
          ok: false,
          detail: `order is ${str(advPct, 2)}% of average daily volume (limit ${str(i.limits.maxAdvPct)}%)`,
        }
      : {
          name: 'max_adv_pct',
          ok: true,
          detail: `order is ${str(advPct, 4)}% of average daily volume`,
        },
    i.buyingPowerNeeded.gt(i.buyingPower)
      ? {
          name: 'buying_power',
          ok: false,
          detail: `needs $${money(i.buyingPowerNeeded)} of buying power, $${money(i.buyingPower)} available (short by $${money(i.buyingPowerNeeded.minus(i.buyingPower))})`,
        }
      : {
          name: 'buying_power',
          ok: true,
          detail: `uses $${money(i.buyingPowerNeeded)} of $${money(i.buyingPower)} buying power`,
        },
  ];
  checks.splice(1, 0, breakerCheck(i), pauseCheck(i));
  if (i.position) checks.push(...positionChecks(i.position, i.exit));
  return checks.map((c) => {
    const src = i.sources?.[SOURCE_OF[c.name]!];
    return !c.ok && src && src !== 'global' ? { ...c, detail: `${c.detail} [${src}]` } : c;
  });
}

function breakerCheck(i: PreTradeInput): Check {
  if (i.breaker.view === 'ok')
    return { name: 'breaker', ok: true, detail: 'circuit breaker armed' };
  if (i.exit)
    return {
      name: 'breaker',
      ok: true,
      detail: 'breaker not clear, but this order only reduces risk',
    };
  return {
    name: 'breaker',
    ok: false,
    detail:
      i.breaker.view === 'tripped'
        ? `circuit breaker tripped${i.breaker.reason ? ` (${i.breaker.reason})` : ''}: new entries are blocked`
        : 'circuit breaker state unknown: new entries are blocked until it can be read',
  };
}

function pauseCheck(i: PreTradeInput): Check {
  if (!i.entriesPaused) return { name: 'entries_paused', ok: true, detail: 'entries allowed' };
  if (i.exit)
    return { name: 'entries_paused', ok: true, detail: `${i.entriesPaused} paused; exits allowed` };
  return {
    name: 'entries_paused',
    ok: false,
    detail: `new entries are paused (${i.entriesPaused}); only exits and cancels are allowed`,
  };
}

function overBy(name: string, what: string, value: Decimal, limit: Decimal, unit = ''): Check {
  const m = (d: Decimal) => (unit === '$' ? `$${money(d)}` : `${str(d)}${unit}`);
  return value.gt(limit)
    ? {
        name,
        ok: false,
        detail: `${what} ${m(value)} exceeds the ${m(limit)} limit by ${m(value.minus(limit))}`,
      }
    : { name, ok: true, detail: `${what} ${m(value)} within ${m(limit)}` };
}

function positionChecks(p: PositionLimitInput, exit: boolean): Check[] {
  // An exit shrinks every exposure, so position limits never block it.
  if (exit) return [{ name: 'gross_exposure', ok: true, detail: 'order reduces exposure' }];
  const out = [
    overBy(
      'gross_exposure',
      'gross exposure after the order',
      p.grossAfter,
      p.maxGrossExposure,
      '$',
    ),
  ];
  const s = p.strategy;
  if (s?.maxPositionQty)
    out.push(
      overBy(
        'strategy_position',
        `strategy ${s.id} position`,
        s.positionQtyAfter.abs(),
        s.maxPositionQty,
        ' shares',
      ),
    );
  if (s?.maxGrossExposure)
    out.push(
      overBy(
        'strategy_gross',
        `strategy ${s.id} gross exposure`,
        s.grossAfter,
        s.maxGrossExposure,
        '$',
      ),
    );
  return out;
}

/** Day P&L: day-start shares against the previous close, shares added today against their cost. */
export function dayPnl(
  qty: Decimal,
  dayStartQty: Decimal,
  avgPrice: Decimal,
  last: Decimal,
  prevClose: Decimal,
): Decimal {
  if (dayStartQty.isZero()) return qty.mul(last.minus(avgPrice));
  const carried = Decimal.min(qty.abs(), dayStartQty.abs()).mul(qty.isNeg() ? -1 : 1);
  return carried.mul(last.minus(prevClose)).plus(qty.minus(carried).mul(last.minus(avgPrice)));
}
