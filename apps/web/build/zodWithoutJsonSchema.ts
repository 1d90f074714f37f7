import { pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';

/** zod's JSON-schema modules, imported by every classic schema type for `.toJSONSchema()`. */
const JSON_SCHEMA_MODULE =
  /[\\/]zod[\\/]v4[\\/]core[\\/](to-json-schema|json-schema-processors)\.js$/;
const FROM_ZOD = /[\\/]node_modules[\\/]zod[\\/]/;
const STUB = '\0qd-zod-json-schema-stub:';

/**
 * The source of a module with the same exports as zod's JSON-schema module `exports`, each
 * failing with a clear error when used. `create*Method` factories still return a function (zod
 * builds `~standard.jsonSchema` with them whenever a schema's `~standard` is read): it is calling
 * that function that fails.
 */
export function jsonSchemaStub(exports: Record<string, unknown>): string {
  const lines = [
    'const unavailable = () => {',
    "  throw new Error('zod JSON Schema is not part of the web build (apps/web/build/zodWithoutJsonSchema.ts)');",
    '};',
  ];
  for (const [name, value] of Object.entries(exports)) {
    if (typeof value !== 'function') lines.push(`export const ${name} = {};`);
    else if (/^create\w+Method$/.test(name))
      lines.push(`export const ${name} = () => unavailable;`);
    else lines.push(`export const ${name} = unavailable;`);
  }
  return lines.join('\n');
}

/**
 * Leaves zod's JSON-schema code (~5 KB gzip) out of the web build: the web only parses with the
 * contracts' schemas, and JSON Schema (OpenAPI) is made by the server. A call to it in the web
 * throws instead. The stubs take their export names from the installed zod, so a zod upgrade
 * that changes them cannot leave an import unresolved.
 */
export function zodWithoutJsonSchema(): Plugin {
  return {
    name: 'qd:zod-without-json-schema',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !FROM_ZOD.test(importer) || !source.includes('json-schema')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved && JSON_SCHEMA_MODULE.test(resolved.id) ? STUB + resolved.id : null;
    },
    async load(id) {
      if (!id.startsWith(STUB)) return null;
      const real = (await import(pathToFileURL(id.slice(STUB.length)).href)) as Record<
        string,
        unknown
      >;
      return jsonSchemaStub(real);
    },
  };
}
