// Bundles the server entry points with esbuild: our workspace packages are inlined (they ship
// TypeScript sources), third-party packages stay external and load from node_modules.
import { cpSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const externalThirdParty = {
  name: 'external-third-party',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@qd/') ? undefined : { path: args.path, external: true },
    );
  },
};

const entries = [
  { app: 'console', entry: 'apps/console/src/main.ts' },
  { app: 'gateway', entry: 'apps/gateway/src/main.ts' },
];

for (const { app, entry } of entries) {
  const outdir = `apps/${app}/dist`;
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: [entry],
    outfile: `${outdir}/main.js`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    plugins: [externalThirdParty],
    logLevel: 'warning',
  });
  cpSync('packages/platform/migrations', `${outdir}/migrations`, { recursive: true });
  console.log(`[build] ${outdir}/main.js`);
}
