import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress';
import { preloadChunks } from './build/preloadChunks';
import { zodWithoutJsonSchema } from './build/zodWithoutJsonSchema';

const backend = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [
    zodWithoutJsonSchema(),
    tailwindcss(),
    // the app (router, query client), the signed-in shell and the dashboard: what a deep link and
    // a sign-in need next
    preloadChunks([
      'src/app.tsx',
      'src/features/shell/AppShell.tsx',
      'src/features/dashboard/DashboardPage.tsx',
    ]),
    precompress(),
  ],
  // The SPA is written against React's API and runs on Preact (ADR 0008): JSX compiles to Preact's
  // runtime and every import of React resolves to preact/compat.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: {
    alias: [
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
      { find: /^react$/, replacement: 'preact/compat' },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    manifest: true,
    rolldownOptions: {
      // "use client" marks React server-component boundaries; a client-only SPA has none
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('"use client"')) return;
        handler(level, log);
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/ws': { target: backend, ws: true, changeOrigin: false },
    },
  },
});
