// Preloaded into the console for the bench (node --import): appends the event-loop delay of
// each interval (ms: p50, p99, max) and the process's CPU time in it (ms: user, system) as one
// JSON line to QD_BENCH_LAG_FILE, and to QD_BENCH_LAG_KEEP as well when set (a file that
// outlives the bench's temp data dir, for comparing runs by CPU time rather than wall-clock
// latency on a shared machine). Does nothing otherwise.
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.QD_BENCH_LAG_FILE;
const keep = process.env.QD_BENCH_LAG_KEEP;
if (file) {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  const every = Number(process.env.QD_BENCH_LAG_MS ?? 1000);
  let cpu = process.cpuUsage();
  setInterval(() => {
    const ms = (ns) => Math.round((ns / 1e6) * 100) / 100;
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    const line = `${JSON.stringify({
      t: Date.now(),
      p50: ms(h.percentile(50)),
      p99: ms(h.percentile(99)),
      max: ms(h.max),
      user: Math.round(used.user / 1000),
      system: Math.round(used.system / 1000),
    })}\n`;
    appendFileSync(file, line);
    if (keep) appendFileSync(keep, line);
    h.reset();
  }, every).unref();
}
