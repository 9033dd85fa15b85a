import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser (scripts/ensure-chromium.mjs installs it).
// Without the background-networking switches Chromium misbehaves on a closed network.
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // One test worker on a 2-core machine: it shares the CPU with the server, a worker,
  // PostgreSQL and Redis.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 240_000,
  expect: { timeout: 20_000 },
  outputDir: '../../test-results/ui',
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1366, height: 900 },
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
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
