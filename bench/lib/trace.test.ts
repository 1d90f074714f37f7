import { describe, expect, it } from 'vitest';
import { mainThreadFrames } from './trace';

const pid = 1;
const tid = 2;
const meta = { name: 'thread_name', ph: 'M', ts: 0, pid, tid, args: { name: 'CrRendererMain' } };
const task = (name: string, ts: number, dur: number) => ({ name, ph: 'X', ts, dur, pid, tid });
const frame = (ts: number) => ({ name: 'BeginMainThreadFrame', ph: 'X', ts, dur: 10, pid, tid });

describe('mainThreadFrames', () => {
  it('counts a task once when Chromium nests RunTask inside ThreadControllerImpl::RunTask', () => {
    const events = [
      meta,
      task('ThreadControllerImpl::RunTask', 1_000, 4_000),
      task('RunTask', 1_000, 4_000), // the same task, nested
      task('RunTask', 2_000, 1_000), // nested deeper
      task('ThreadControllerImpl::RunTask', 6_000, 2_000),
      frame(9_000),
      task('RunTask', 10_000, 3_000), // a task with no wrapper counts too
      frame(20_000),
    ];
    expect(mainThreadFrames(events)).toEqual({ work: [6, 3], count: 2 });
  });

  it('leaves out frames with no task before them', () => {
    expect(
      mainThreadFrames([meta, frame(1_000), task('RunTask', 2_000, 1_000), frame(5_000)]),
    ).toEqual({ work: [1], count: 2 });
  });
});
