import { Decimal, dec, money, str } from './money';

export type KillSwitchView = 'engaged' | 'disengaged' | 'unknown';

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
  return checks;
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
