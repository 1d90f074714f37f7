// Load-generator process: autocannon at a fixed overall rate; reports every response time.
import autocannon from 'autocannon';

/**
 * How the rate is spread over each second. autocannon's `overallRate` resets a per-connection
 * budget once a second, so each connection sends its share back to back at the start of the
 * second (`burst`: with 10 connections, 200 requests arrive as a queue ten deep, then nothing).
 * `even` spaces the requests over the second: one autocannon connection per request of the
 * second, each at one request a second, started 1000 / rate ms apart.
 */
export type Pacing = 'burst' | 'even';

interface Job {
  type: 'run';
  url: string;
  headers: Record<string, string>;
  rate: number;
  seconds: number;
  connections: number;
  pacing: Pacing;
}

interface Outcome {
  samples: number[];
  total: number;
  errors: number;
}

/** One autocannon instance; its 200 response times go into `samples`. */
async function cannon(
  job: Job,
  connections: number,
  rate: number,
  samples: number[],
): Promise<Omit<Outcome, 'samples'>> {
  const instance = autocannon({
    url: job.url,
    connections,
    overallRate: rate,
    duration: job.seconds,
    headers: job.headers,
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status === 200) samples.push(ms);
  });
  const result = await instance;
  return { total: result.requests.total, errors: result.errors + result.timeouts + result.non2xx };
}

async function run(job: Job): Promise<Outcome> {
  const samples: number[] = [];
  if (job.pacing === 'burst') {
    return { samples, ...(await cannon(job, job.connections, job.rate, samples)) };
  }
  const gapMs = 1000 / job.rate;
  const started: Array<Promise<Omit<Outcome, 'samples'>>> = [];
  for (let i = 0; i < job.rate; i++) {
    started.push(cannon(job, 1, 1, samples));
    await new Promise((r) => setTimeout(r, gapMs));
  }
  const parts = await Promise.all(started);
  return {
    samples,
    total: parts.reduce((s, p) => s + p.total, 0),
    errors: parts.reduce((s, p) => s + p.errors, 0),
  };
}

process.on('message', (job: Job) => {
  run(job).then(
    (r) => process.send!({ type: 'done', ...r }),
    (err: unknown) => process.send!({ type: 'error', error: String(err) }),
  );
});
process.send!({ type: 'ready' });
