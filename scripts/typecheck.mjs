// Type-checks every workspace with its own tsconfig (web has DOM + JSX, servers have Node).
import { spawnSync } from 'node:child_process';

const projects = [
  'packages/contracts',
  'packages/domain',
  'packages/platform',
  'apps/gateway',
  'apps/console',
  'apps/web',
  'e2e',
  'bench',
];
let failed = false;
for (const project of projects) {
  const result = spawnSync('npx', ['tsc', '-p', project], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
