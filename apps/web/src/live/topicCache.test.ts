import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTopicSink, LARGE_DELTA_ROWS, topicKey } from './topicCache';

const position = (symbol: string, lastPrice: string) => ({
  symbol,
  qty: '10',
  avgPrice: '100',
  lastPrice,
  marketValue: '1000',
  costBasis: '1000',
  unrealizedPnl: '0',
  unrealizedPnlPct: '0',
  realizedPnl: '0',
  dayPnl: '0',
  updatedAt: '2026-12-07T10:00:00.000Z',
});
const upsert = (...rows: unknown[]) => ({ upsert: rows, remove: [] });
const noReject = () => undefined;

/** Frames run by hand: `frame()` paints one (its rAF callbacks, then the task they queued). */
let frames: FrameRequestCallback[] = [];
function frame(): void {
  const due = frames;
  frames = [];
  for (const f of due) f(0);
  vi.advanceTimersByTime(0);
}

beforeEach(() => {
  vi.useFakeTimers();
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
  vi.stubGlobal('cancelAnimationFrame', () => undefined);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('createTopicSink', () => {
  it('publishes a row topic delta after the next frame, coalescing the deltas before it', () => {
    const qc = new QueryClient();
    const sink = createTopicSink(qc);
    expect(sink.snapshot('positions', [position('AAPL', '100'), position('MSFT', '200')])).toBe(
      true,
    );
    const shown = () =>
      (qc.getQueryData(topicKey('positions')) as Array<{ symbol: string; lastPrice: string }>).map(
        (p) => `${p.symbol}:${p.lastPrice}`,
      );
    expect(shown()).toEqual(['AAPL:100', 'MSFT:200']); // a snapshot is published at once
    expect(sink.delta('positions', upsert(position('AAPL', '101')), noReject)).toBe(true);
    expect(sink.delta('positions', upsert(position('MSFT', '201')), noReject)).toBe(true);
    expect(shown()).toEqual(['AAPL:100', 'MSFT:200']);
    frame();
    expect(shown()).toEqual(['AAPL:101', 'MSFT:201']); // the second applied on top of the first
  });

  it('publishes anyway when no frame comes (a hidden tab)', () => {
    const qc = new QueryClient();
    const sink = createTopicSink(qc);
    sink.snapshot('positions', [position('AAPL', '100')]);
    sink.delta('positions', upsert(position('AAPL', '101')), noReject);
    vi.advanceTimersByTime(100);
    expect(qc.getQueryData(topicKey('positions'))).toEqual([position('AAPL', '101')]);
  });

  it('lets a snapshot replace a delta not yet published', () => {
    const qc = new QueryClient();
    const sink = createTopicSink(qc);
    sink.snapshot('positions', [position('AAPL', '100')]);
    sink.delta('positions', upsert(position('AAPL', '101')), noReject);
    sink.snapshot('positions', [position('MSFT', '200')]);
    frame();
    expect(qc.getQueryData(topicKey('positions'))).toEqual([position('MSFT', '200')]);
  });

  it('does not bring a cleared topic back with the old data', () => {
    const qc = new QueryClient();
    const sink = createTopicSink(qc);
    sink.snapshot('positions', [position('AAPL', '100')]);
    sink.delta('positions', upsert(position('AAPL', '101')), noReject);
    qc.clear(); // the session ended
    frame();
    expect(qc.getQueryData(topicKey('positions'))).toBeUndefined();
  });

  it('rejects an invalid delta without touching the cache', () => {
    const qc = new QueryClient();
    const sink = createTopicSink(qc);
    sink.snapshot('positions', [position('AAPL', '100')]);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(sink.delta('positions', upsert({ symbol: 'AAPL' }), noReject)).toBe(false);
    frame();
    expect(qc.getQueryData(topicKey('positions'))).toEqual([position('AAPL', '100')]);
  });

  describe('a large delta (validated after the next frame, off the socket task)', () => {
    const many = (lastPrice: string) =>
      Array.from({ length: LARGE_DELTA_ROWS + 1 }, (_, i) =>
        position(`S${String(i).padStart(4, '0')}`, lastPrice),
      );
    const prices = (qc: QueryClient) =>
      new Set(
        (qc.getQueryData(topicKey('positions')) as Array<{ lastPrice: string }>).map(
          (p) => p.lastPrice,
        ),
      );

    it('is validated one frame later and published the frame after', () => {
      const qc = new QueryClient();
      const sink = createTopicSink(qc);
      sink.snapshot('positions', many('100'));
      const rejected = vi.fn();
      expect(sink.delta('positions', upsert(...many('101')), rejected)).toBe(true);
      frame(); // validated and reduced
      expect(prices(qc)).toEqual(new Set(['100']));
      frame(); // published
      expect(prices(qc)).toEqual(new Set(['101']));
      expect(rejected).not.toHaveBeenCalled();
    });

    it('rejects a malformed one: the cache keeps the last valid rows and later deltas are dropped', () => {
      const qc = new QueryClient();
      const sink = createTopicSink(qc);
      sink.snapshot('positions', many('100'));
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const bad = [...many('101'), { ...position('S9999', '101'), lastPrice: '1e3' }];
      const rejected = vi.fn();
      const after = vi.fn();
      expect(sink.delta('positions', upsert(...bad), rejected)).toBe(true);
      // A small delta behind the malformed one builds on it: it is dropped with it.
      expect(sink.delta('positions', upsert(position('S0000', '102')), after)).toBe(true);
      frame();
      frame();
      expect(rejected).toHaveBeenCalledOnce();
      expect(after).not.toHaveBeenCalled();
      expect(warn).toHaveBeenCalledWith('[live] invalid delta for positions', expect.any(Array));
      expect(prices(qc)).toEqual(new Set(['100']));
    });

    it('applies the small deltas that arrive behind it in order, after it', () => {
      const qc = new QueryClient();
      const sink = createTopicSink(qc);
      sink.snapshot('positions', many('100'));
      sink.delta('positions', upsert(...many('101')), noReject);
      sink.delta('positions', upsert(position('S0000', '102')), noReject);
      frame();
      frame();
      const rows = qc.getQueryData(topicKey('positions')) as Array<{ lastPrice: string }>;
      expect(rows[0]!.lastPrice).toBe('102');
      expect(rows[1]!.lastPrice).toBe('101');
    });

    it('is dropped when a snapshot arrives before it was validated', () => {
      const qc = new QueryClient();
      const sink = createTopicSink(qc);
      sink.snapshot('positions', many('100'));
      const rejected = vi.fn();
      sink.delta('positions', upsert(...many('101')), rejected);
      sink.snapshot('positions', [position('AAPL', '200')]);
      frame();
      frame();
      expect(qc.getQueryData(topicKey('positions'))).toEqual([position('AAPL', '200')]);
      expect(rejected).not.toHaveBeenCalled();
    });

    it('is validated anyway when no frame comes (a hidden tab)', () => {
      const qc = new QueryClient();
      const sink = createTopicSink(qc);
      sink.snapshot('positions', many('100'));
      sink.delta('positions', upsert(...many('101')), noReject);
      vi.advanceTimersByTime(200);
      expect(prices(qc)).toEqual(new Set(['101']));
    });
  });
});
