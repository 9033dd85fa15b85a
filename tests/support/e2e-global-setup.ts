/**
 * Global setup of the e2e project: opens the run's environment once (finds Redis and
 * PostgreSQL, or starts throwaway ones, installing them as root where they are missing) and
 * hands it to the test files; at the end prints the production-readiness report when the
 * run wrote one, then ends whatever the run left behind.
 */
import { existsSync, statSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { openEnvironment } from './e2e-environment.ts';
import { READINESS_REPORT, printReadinessReport } from './readiness-report.ts';

export default async function setup(project: TestProject) {
  const startedAt = Date.now();
  const { environment, close } = await openEnvironment('e2e');
  console.log(`e2e: run ${environment.runId}: Redis ${environment.redisUrl} (${environment.redisSource}), PostgreSQL ${environment.postgresUrl} (${environment.postgresSource}); logs in ${environment.runDir}`);
  project.provide('e2e', environment);
  return async () => {
    try {
      if (existsSync(READINESS_REPORT) && statSync(READINESS_REPORT).mtimeMs >= startedAt) printReadinessReport();
    } finally {
      await close();
    }
  };
}
