// Decides whether the production build is older than the sources it is made from.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = [
  'apps/console/src',
  'apps/gateway/src',
  'apps/web/src',
  'apps/web/index.html',
  'packages/contracts/src',
  'packages/domain/src',
  'packages/platform/src',
  'packages/platform/migrations',
  'package-lock.json',
];
const OUTPUTS = [
  'apps/console/dist/main.js',
  'apps/gateway/dist/main.js',
  'apps/web/dist/index.html',
];

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

/** True when any build output is missing or older than any source. */
export function buildIsStale() {
  if (OUTPUTS.some((o) => !existsSync(o))) return true;
  const built = Math.min(...OUTPUTS.map((o) => statSync(o).mtimeMs));
  return SOURCES.some((s) => newest(s) > built);
}
