// Starts one real Postgres for the whole Vitest run; tests get its URL via inject('postgresUrl').
import type { TestProject } from 'vitest/node';
// @ts-expect-error plain ESM helper without types
import { startPostgres } from './lib/postgresServer.mjs';
// @ts-expect-error plain ESM helper without types
import { ensureSystemDeps } from './lib/systemDeps.mjs';

export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env.QD_TEST_DATABASE_URL) {
    provide(project, process.env.QD_TEST_DATABASE_URL);
    return () => {};
  }
  ensureSystemDeps(['postgresql']);
  const pg = await startPostgres();
  provide(project, pg.url);
  return () => pg.stop();
}

/** Hands the URL to tests (typed there by the ProvidedContext augmentation in @qd/platform/testing). */
function provide(project: TestProject, url: string): void {
  (project.provide as (key: string, value: string) => void)('postgresUrl', url);
}
