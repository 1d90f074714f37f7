import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { row, type Scenario } from './types';

const DIST = 'apps/web/dist';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** Keys of the chunks loaded together with `roots` (their static imports, transitively). */
export function staticClosure(manifest: Manifest, roots: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const i of manifest[key].imports ?? []) visit(i);
  };
  roots.forEach(visit);
  return seen;
}

/** Gzipped size (KB, gzip level 9) of the JS files of a set of chunks. */
function gzipKb(manifest: Manifest, keys: Set<string>): { kb: number; files: string[] } {
  let bytes = 0;
  const files: string[] = [];
  for (const k of keys) {
    const file = manifest[k]!.file;
    if (!file.endsWith('.js')) continue;
    files.push(file);
    bytes += gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length;
  }
  return { kb: Math.round((bytes / 1024) * 10) / 10, files };
}

/** The manifest key of the lazily loaded module whose source path ends with `suffix`. */
function lazyKey(manifest: Manifest, suffix: string): string {
  const key = Object.keys(manifest).find((k) => k.endsWith(suffix));
  if (!key) throw new Error(`no chunk for ${suffix} in the Vite manifest`);
  return key;
}

export const bundle: Scenario = {
  name: 'bundle',
  describe: 'JS for the login and dashboard routes, gzipped, from the Vite build manifest',
  needsServer: false,
  async run() {
    const path = join(DIST, '.vite/manifest.json');
    if (!existsSync(path)) throw new Error(`${path} missing: the web build must emit its manifest`);
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
    const loginSet = staticClosure(manifest, [entry]);
    // The login route renders from the entry alone (apps/web/src/main.tsx); every other route
    // loads the app module (router, query client) first, then the shell and the page.
    const dashSet = staticClosure(manifest, [
      entry,
      lazyKey(manifest, 'src/app.tsx'),
      lazyKey(manifest, 'features/shell/AppShell.tsx'),
      lazyKey(manifest, 'features/dashboard/DashboardPage.tsx'),
    ]);
    const login = gzipKb(manifest, loginSet);
    const dash = gzipKb(manifest, dashSet);
    return [
      row({
        id: 'bundle-login',
        scenario: 'JS for the login route, gzipped',
        seedTarget: '—',
        goal: '≤ 100 KB',
        unit: 'KB',
        value: login.kb,
        met: login.kb <= 100,
        notes: `${login.files.length} files: entry + its static imports`,
      }),
      row({
        id: 'bundle-dashboard',
        scenario: 'JS for the dashboard route incl. AG Grid, gzipped',
        seedTarget: '—',
        goal: '≤ 350 KB',
        unit: 'KB',
        value: dash.kb,
        met: dash.kb <= 350,
        notes: `${dash.files.length} files: entry + shell + dashboard chunks and their static imports`,
      }),
    ];
  },
};
