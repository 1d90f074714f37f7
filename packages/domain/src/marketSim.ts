import { Decimal, dec, str, toTick } from './money';

export interface SimQuote {
  symbol: string;
  bid: string;
  ask: string;
  last: string;
  prevClose: string;
}

export interface MarketState {
  rngState: number;
  quotes: Record<string, SimQuote>;
}

const TICK = dec('0.01');

/** mulberry32: a small seeded PRNG; returns [value in [0,1), next state]. */
export function nextRandom(state: number): [number, number] {
  const s = (state + 0x6d2b79f5) >>> 0;
  let t = s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, s];
}

function spreadFor(price: Decimal): Decimal {
  // About 1 bp of price, at least one tick.
  return Decimal.max(TICK, toTick(price.mul('0.0001'), TICK));
}

function quoteAt(symbol: string, mid: Decimal, prevClose: string): SimQuote {
  const half = spreadFor(mid).div(2);
  const bid = toTick(mid.minus(half), TICK);
  const ask = Decimal.max(bid.plus(TICK), toTick(mid.plus(half), TICK));
  return { symbol, bid: str(bid), ask: str(ask), last: str(toTick(mid, TICK)), prevClose };
}

/** Opens the simulated market at the reference prices. */
export function createMarket(
  seed: number,
  instruments: readonly { symbol: string; refPrice: string }[],
): MarketState {
  const quotes: Record<string, SimQuote> = {};
  for (const i of instruments) quotes[i.symbol] = quoteAt(i.symbol, dec(i.refPrice), i.refPrice);
  return { rngState: seed >>> 0, quotes };
}

/** Advances every price by a seeded random-walk step scaled to dtMs (~25% annualised-ish noise). */
export function stepMarket(state: MarketState, dtMs: number): MarketState {
  let rng = state.rngState;
  const quotes: Record<string, SimQuote> = {};
  const scale = Math.sqrt(Math.max(dtMs, 1) / 1000) * 0.0006;
  for (const [symbol, q] of Object.entries(state.quotes)) {
    let u1: number;
    let u2: number;
    [u1, rng] = nextRandom(rng);
    [u2, rng] = nextRandom(rng);
    // Box–Muller: one standard normal draw.
    const z = Math.sqrt(-2 * Math.log(Math.max(u1, 1e-12))) * Math.cos(2 * Math.PI * u2);
    const last = dec(q.last);
    const move = last.mul(dec(z * scale).toDecimalPlaces(10));
    const mid = Decimal.max(TICK, last.plus(move));
    quotes[symbol] = quoteAt(symbol, mid, q.prevClose);
  }
  return { rngState: rng, quotes };
}
