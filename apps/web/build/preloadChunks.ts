import type { HtmlTagDescriptor, Plugin } from 'vite';

/**
 * Adds `<link rel="modulepreload">` to index.html for the lazy chunks of the given modules and
 * their static imports, so a cold load fetches (and compiles, off the main thread) the signed-in
 * code together with the entry instead of after the entry has run and the router has asked for
 * it. The chunks stay lazy: nothing runs until the router imports them.
 */
export function preloadChunks(modules: string[]): Plugin {
  return {
    name: 'qd-preload-chunks',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        const files = new Set<string>();
        const add = (file: string) => {
          const chunk = bundle[file];
          if (files.has(file) || chunk?.type !== 'chunk') return;
          files.add(file);
          chunk.imports.forEach(add);
        };
        for (const chunk of Object.values(bundle))
          if (chunk.type === 'chunk' && modules.some((m) => chunk.facadeModuleId?.endsWith(m)))
            add(chunk.fileName);
        const tags: HtmlTagDescriptor[] = [...files]
          .filter((file) => !html.includes(`/${file}"`)) // the entry's own imports are there already
          .map((file) => ({
            tag: 'link',
            // marked, so the console can leave them out of the login page (apps/console/src/http/spaShell.ts)
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}`, 'data-app': true },
            injectTo: 'head',
          }));
        return { html, tags };
      },
    },
  };
}
