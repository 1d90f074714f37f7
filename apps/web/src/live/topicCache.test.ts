import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTopicSink, topicKey } from './topicCache';

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
    expect(sink.delta('positions', upsert(position('AAPL', '101')))).toBe(true);
    expect(sink.delta('positions', upsert(position('MSFT', '201')))).toBe(true);
    expect(shown()).toEqual(['AAPL:100', 'MSFT:200']);
    frame();
    expect(shown()).toEqual(['AAPL:101', 'MSFT:201']); // the second applied on top of the first
  });

  it('publishes anyway when no frame comes (a hidden tab)', () => {
    const qc = new QueryClient();
    const sink = createTopicSink(qc);
    sink.snapshot('positions', [position('AAPL', '100')]);
    sink.delta('positions', upsert(position('AAPL', '101')));
    vi.advanceTimersByTime(100);
    expect(qc.getQueryData(topicKey('positions'))).toEqual([position('AAPL', '101')]);
  });

  it('lets a snapshot replace a delta not yet published', () => {
    const qc = new QueryClient();
    const sink = createTopicSink(qc);
    sink.snapshot('positions', [position('AAPL', '100')]);
    sink.delta('positions', upsert(position('AAPL', '101')));
    sink.snapshot('positions', [position('MSFT', '200')]);
    frame();
    expect(qc.getQueryData(topicKey('positions'))).toEqual([position('MSFT', '200')]);
  });

  it('does not bring a cleared topic back with the old data', () => {
    const qc = new QueryClient();
    const sink = createTopicSink(qc);
    sink.snapshot('positions', [position('AAPL', '100')]);
    sink.delta('positions', upsert(position('AAPL', '101')));
    qc.clear(); // the session ended
    frame();
    expect(qc.getQueryData(topicKey('positions'))).toBeUndefined();
  });

  it('rejects an invalid delta without touching the cache', () => {
    const qc = new QueryClient();
    const sink = createTopicSink(qc);
    sink.snapshot('positions', [position('AAPL', '100')]);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(sink.delta('positions', upsert({ symbol: 'AAPL' }))).toBe(false);
    frame();
    expect(qc.getQueryData(topicKey('positions'))).toEqual([position('AAPL', '100')]);
  });
});
