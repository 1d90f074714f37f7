import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rolldown } from 'rolldown';
import { afterAll, describe, expect, it } from 'vitest';
import { zodWithoutJsonSchema } from './zodWithoutJsonSchema';

// Inside the repository, so the bundled entry resolves the installed zod.
const cache = join(import.meta.dirname, '../../../node_modules/.cache');
await mkdir(cache, { recursive: true });
const dir = await mkdtemp(join(cache, 'qd-zod-stub-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Bundles `source` (an ES module importing zod) with or without the plugin; its code and exports. */
async function bundle(source: string, stub: boolean) {
  const entry = join(dir, `entry-${stub}.mjs`);
  await writeFile(entry, source);
  const build = await rolldown({
    input: entry,
    cwd: process.cwd(),
    plugins: stub ? [zodWithoutJsonSchema()] : [],
  });
  const { output } = await build.generate({ format: 'esm' });
  await build.close();
  const code = output[0].code;
  const file = join(dir, `out-${stub}.mjs`);
  await writeFile(file, code);
  return { code, mod: (await import(pathToFileURL(file).href)) as Record<string, unknown> };
}

const SOURCE = `
import { z } from 'zod';
export const Order = z.object({ symbol: z.string().min(1), qty: z.number().int().positive() });
export const parse = (v) => Order.safeParse(v);
export const standard = (v) => Order['~standard'].validate(v);
export const jsonSchema = () => Order.toJSONSchema();
`;

describe('zodWithoutJsonSchema', () => {
  it('leaves schemas parsing as before, and JSON Schema out', async () => {
    const full = await bundle(SOURCE, false);
    const web = await bundle(SOURCE, true);
    const parse = web.mod.parse as (v: unknown) => { success: boolean };
    const standard = web.mod.standard as (v: unknown) => { issues?: unknown[] };
    expect(parse({ symbol: 'KO', qty: 2 }).success).toBe(true);
    expect(parse({ symbol: '', qty: 2.5 })).toEqual(
      (full.mod.parse as (v: unknown) => unknown)({ symbol: '', qty: 2.5 }),
    );
    expect(standard({ symbol: 'KO', qty: 2 }).issues).toBeUndefined();
    expect(standard({ symbol: 'KO', qty: -1 }).issues).toHaveLength(1);
    expect(web.code.length).toBeLessThan(full.code.length - 20_000);
  });

  it('makes a JSON Schema request in the web fail loudly instead of returning nonsense', async () => {
    const { mod } = await bundle(SOURCE, true);
    expect(() => (mod.jsonSchema as () => unknown)()).toThrow(/not part of the web build/);
  });
});
