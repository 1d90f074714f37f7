import { describe, expect, it, vi } from 'vitest';
import { cachedFormat } from './formatCache';

describe('cachedFormat', () => {
  it('formats each distinct value once and returns the same text as the formatter', () => {
    const format = vi.fn((v: string | null | undefined) => `<${v}>`);
    const cached = cachedFormat(format);
    expect(cached('1.5')).toBe('<1.5>');
    expect(cached('1.5')).toBe('<1.5>');
    expect(cached('2')).toBe('<2>');
    expect(format).toHaveBeenCalledTimes(2);
  });

  it('passes missing values straight to the formatter', () => {
    const format = vi.fn((v: string | null | undefined) => (v == null ? '—' : v));
    const cached = cachedFormat(format);
    expect(cached(null)).toBe('—');
    expect(cached(undefined)).toBe('—');
    expect(format).toHaveBeenCalledTimes(2);
  });

  it('starts again when full instead of growing', () => {
    const format = vi.fn((v: string | null | undefined) => `${v}!`);
    const cached = cachedFormat(format, 2);
    cached('a');
    cached('b');
    cached('c'); // empties the cache, keeps c
    cached('c');
    cached('a');
    expect(format.mock.calls.map(([v]) => v)).toEqual(['a', 'b', 'c', 'a']);
  });
});
