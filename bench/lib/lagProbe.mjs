// Preloaded into the console for the bench (node --import): appends the event-loop delay of
// each interval (ms: p50, p99, max) as one JSON line to QD_BENCH_LAG_FILE. Does nothing otherwise.
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.QD_BENCH_LAG_FILE;
if (file) {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  const every = Number(process.env.QD_BENCH_LAG_MS ?? 1000);
  setInterval(() => {
    const ms = (ns) => Math.round((ns / 1e6) * 100) / 100;
    appendFileSync(
      file,
      `${JSON.stringify({ t: Date.now(), p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max) })}\n`,
    );
    h.reset();
  }, every).unref();
}
