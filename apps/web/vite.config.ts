import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress';
import { preloadChunks } from './build/preloadChunks';
import { zodWithoutJsonSchema } from './build/zodWithoutJsonSchema';

const backend = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [
    react(),
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
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, manifest: true },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/ws': { target: backend, ws: true, changeOrigin: false },
    },
  },
});
