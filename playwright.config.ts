import { defineConfig } from '@playwright/test';

const port = Number(process.env.QD_E2E_PORT ?? 8090);
const gatewayPort = Number(process.env.QD_E2E_GATEWAY_PORT ?? 8191);
export const E2E_ADMIN_PASSWORD = 'e2e-admin-password-1234';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.e2e.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json']],
  outputDir: '.tmp/test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: 'node scripts/e2e-server.mjs',
    url: `http://127.0.0.1:${port}/readyz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      QD_PORT: String(port),
      QD_GATEWAY_PORT: String(gatewayPort),
      QD_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      QD_LOG_LEVEL: 'warn',
    },
  },
});
