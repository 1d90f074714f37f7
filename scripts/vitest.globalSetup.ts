// Starts one real Postgres for the whole Vitest run; tests get its URL via inject('postgresUrl').
import type { TestProject } from 'vitest/node';
// @ts-expect-error plain ESM helper without types
import { startPostgres } from './lib/postgresServer.mjs';
// @ts-expect-error plain ESM helper without types
import { ensureSystemDeps } from './lib/systemDeps.mjs';

// @ts-expect-error plain ESM helper without types
import { startRedis } from './lib/redisServer.mjs';

/** Real Postgres and Redis servers for the run (or the ones named by QD_TEST_* variables). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stops: Array<() => void | Promise<void>> = [];
  if (process.env.QD_TEST_DATABASE_URL)
    provide(project, 'postgresUrl', process.env.QD_TEST_DATABASE_URL);
  else {
    ensureSystemDeps(['postgresql']);
    const pg = await startPostgres();
    provide(project, 'postgresUrl', pg.url);
    stops.push(() => pg.stop());
  }
  if (process.env.QD_TEST_REDIS_URL) provide(project, 'redisUrl', process.env.QD_TEST_REDIS_URL);
  else {
    ensureSystemDeps(['redis-server']);
    const redis = await startRedis();
    provide(project, 'redisUrl', redis.url);
    stops.push(() => redis.stop());
  }
  return async () => {
    for (const stop of stops) await stop();
  };
}

/** Hands a URL to tests (typed there by the ProvidedContext augmentation in @qd/platform/testing). */
function provide(project: TestProject, key: 'postgresUrl' | 'redisUrl', url: string): void {
  (project.provide as (key: string, value: string) => void)(key, url);
}
