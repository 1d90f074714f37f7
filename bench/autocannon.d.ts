// Minimal types for the parts of autocannon's programmatic API the bench uses.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';
  interface Options {
    url: string;
    connections?: number;
    overallRate?: number;
    duration?: number;
    headers?: Record<string, string>;
  }
  interface Result {
    requests: { total: number };
    errors: number;
    timeouts: number;
    non2xx: number;
  }
  type Instance = EventEmitter & Promise<Result>;
  function autocannon(opts: Options): Instance;
  export default autocannon;
}
