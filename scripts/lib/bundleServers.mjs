// Bundles the server entry points with esbuild: our workspace packages are inlined (they ship
// TypeScript sources), third-party packages stay external and load from node_modules, so the
// output must live inside the repository (apps/*/dist, or .tmp/… for tests).
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

const ENTRIES = [
  { app: 'console', entry: 'apps/console/src/main.ts' },
  { app: 'gateway', entry: 'apps/gateway/src/main.ts' },
];

/** Builds `<outDir(app)>/main.js` (+ migrations) for console and gateway; returns the paths. */
export async function bundleServers(outDir = (app) => `apps/${app}/dist`, log = console.log) {
  const out = {};
  for (const { app, entry } of ENTRIES) {
    const dir = outDir(app);
    rmSync(dir, { recursive: true, force: true });
    await build({
      entryPoints: [entry],
      outfile: `${dir}/main.js`,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: true,
      plugins: [externalThirdParty],
      logLevel: 'warning',
    });
    cpSync('packages/platform/migrations', `${dir}/migrations`, { recursive: true });
    log(`[build] ${dir}/main.js`);
    out[app] = `${dir}/main.js`;
  }
  return out;
}
