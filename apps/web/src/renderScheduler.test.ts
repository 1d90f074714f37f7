import { options } from 'preact';
import { describe, expect, test } from 'vitest';
import { installRenderScheduler } from './renderScheduler';

/** Runs `length` flushes, each scheduling the next; resolves with how many ran before a task did. */
async function chain(length: number): Promise<{ beforeTask: number; ran: number }> {
  // a task first, so the scheduler's count of chained flushes from an earlier test is reset
  await new Promise((resolve) => setTimeout(resolve, 5));
  const debounce = options.debounceRendering!;
  let ran = 0;
  let beforeTask = -1;
  setImmediate(() => (beforeTask = ran));
  return new Promise((resolve) => {
    const flush = () => {
      ran += 1;
      if (ran < length) debounce(flush);
      else setImmediate(() => setImmediate(() => resolve({ beforeTask, ran })));
    };
    debounce(flush);
  });
}

describe('render scheduler', () => {
  installRenderScheduler();

  test('a short run of re-renders flushes in microtasks, before any task', async () => {
    expect(await chain(10)).toEqual({ beforeTask: 10, ran: 10 });
  });

  test('an endless run of re-renders (a retried suspension) lets tasks run in between', async () => {
    const { beforeTask, ran } = await chain(200);
    expect(ran).toBe(200);
    expect(beforeTask).toBeGreaterThanOrEqual(20);
    expect(beforeTask).toBeLessThan(200);
  });
});
