import { defineConfig } from 'vitest/config';
import LongestFirstSequencer from './tests/support/longest-first-sequencer.ts';

// Five projects: pure domain units; the web's own logic (no browser); the API and services suites twice (embedded PGlite and real PostgreSQL);
// end-to-end suites that start real server and worker processes. The UI suite runs under Playwright.
export default defineConfig({
  test: {
    // The slowest files first, so the two cores share the run to its end (see the sequencer).
    sequence: { sequencer: LongestFirstSequencer },
    // Vitest's default is one worker fewer than the cores: one worker on this 2-core machine, so
    // every file ran in turn and the other core idled (a fresh-clone .ci/run took over 20 min).
    // The suites are safe side by side (a database of their own per file; e2e runs alone below).
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'web',
          // A file that needs a DOM (localStorage, rendering) says so: // @vitest-environment happy-dom
          include: ['web/src/**/*.test.ts', 'web/src/**/*.test.tsx'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'api-pglite',
          include: ['tests/api/**/*.test.ts', 'tests/services/**/*.test.ts'],
          env: { TEST_BACKEND: 'pglite' },
          testTimeout: 30_000,
          // Opening a fresh PGlite and migrating it took over 60 s once at load 18 on 2 cores:
          // a deadline, not a wait, so it is as long as the slowest open seen needs.
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'api-postgres',
          include: ['tests/api/**/*.test.ts', 'tests/services/**/*.test.ts'],
          env: { TEST_BACKEND: 'postgres' },
          globalSetup: ['tests/support/postgres-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/e2e-global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
