/** Chromium trace events (the subset the bench reads). */
interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/**
 * Main-thread work per rendered frame: top-level tasks on the renderer main thread, grouped by
 * the BeginMainThreadFrame that follows them (the frame they contribute to); a task nested in
 * another task is part of it, not counted again. Frames with no task work are left out. Durations in ms.
 */
export function mainThreadFrames(trace: { traceEvents: TraceEvent[] } | TraceEvent[]): {
  work: number[];
  count: number;
} {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const main = events.find(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  if (!main) return { work: [], count: 0 };
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const all = onMain
    .filter(
      (e) =>
        e.ph === 'X' &&
        (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') &&
        (e.dur ?? 0) > 0,
    )
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  // Chromium nests a `RunTask` inside each `ThreadControllerImpl::RunTask`: count the outermost
  // task only (summing both counted most task time twice).
  const tasks: TraceEvent[] = [];
  for (const e of all) {
    const outer = tasks.at(-1);
    if (!outer || e.ts >= outer.ts + outer.dur!) tasks.push(e);
  }
  const frames = onMain
    .filter((e) => e.name === 'BeginMainThreadFrame')
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  const work: number[] = [];
  let t = 0;
  for (const f of frames) {
    let sum = 0;
    while (t < tasks.length && tasks[t]!.ts <= f) sum += tasks[t++]!.dur!;
    if (sum > 0) work.push(sum / 1000);
  }
  return { work, count: frames.length };
}
