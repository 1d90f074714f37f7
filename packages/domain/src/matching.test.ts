import { describe, expect, it } from 'vitest';
import { matchOrder, type MatchableOrder, type Touch } from './matching';
import { dec, str } from './money';

const touch: Touch = { bid: dec('99.99'), ask: dec('100.01'), last: dec('100'), size: dec(500) };
const order = (o: Partial<MatchableOrder>): MatchableOrder => ({
  side: 'buy',
  type: 'market',
  remainingQty: dec(10),
  limitPrice: null,
  stopPrice: null,
  triggered: false,
  ...o,
});

describe('matchOrder', () => {
  it('fills a market buy at the ask and a market sell at the bid', () => {
    expect(str(matchOrder(order({}), touch).fill!.price)).toBe('100.01');
    expect(str(matchOrder(order({ side: 'sell' }), touch).fill!.price)).toBe('99.99');
  });

  it('rests a limit buy below the ask and fills it once crossed', () => {
    expect(matchOrder(order({ type: 'limit', limitPrice: dec(100) }), touch).fill).toBeNull();
    const fill = matchOrder(order({ type: 'limit', limitPrice: dec('100.05') }), touch).fill!;
    expect(str(fill.price)).toBe('100.01');
  });

  it('fills only the displayed size, leaving the rest for later ticks', () => {
    expect(str(matchOrder(order({ remainingQty: dec(2000) }), touch).fill!.qty)).toBe('500');
  });

  it('triggers a buy stop when the last trade reaches the stop', () => {
    const waiting = matchOrder(order({ type: 'stop', stopPrice: dec('100.50') }), touch);
    expect(waiting).toEqual({ triggered: false, fill: null });
    const hit = matchOrder(order({ type: 'stop', stopPrice: dec('99.50') }), touch);
    expect(hit.triggered).toBe(true);
    expect(str(hit.fill!.price)).toBe('100.01');
  });

  it('a triggered stop-limit still respects its limit', () => {
    const r = matchOrder(
      order({ type: 'stop_limit', stopPrice: dec('99.50'), limitPrice: dec('99.90') }),
      touch,
    );
    expect(r).toEqual({ triggered: true, fill: null });
  });
});
