// Load-generator process: autocannon at a fixed overall rate; reports every response time.
import autocannon from 'autocannon';

interface Job {
  type: 'run';
  url: string;
  headers: Record<string, string>;
  rate: number;
  seconds: number;
  connections: number;
}

process.on('message', (job: Job) => {
  void (async () => {
    try {
      const samples: number[] = [];
      const instance = autocannon({
        url: job.url,
        connections: job.connections,
        overallRate: job.rate,
        duration: job.seconds,
        headers: job.headers,
      });
      instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
        if (status === 200) samples.push(ms);
      });
      const result = await instance;
      process.send!({
        type: 'done',
        samples,
        total: result.requests.total,
        errors: result.errors + result.timeouts + result.non2xx,
      });
    } catch (err) {
      process.send!({ type: 'error', error: String(err) });
    }
  })();
});
process.send!({ type: 'ready' });
