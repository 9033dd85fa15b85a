/**
 * A worker process with generation broken on purpose, for the end-to-end suites: the real
 * worker (src/worker-process.ts) with fault hooks read from this process's environment.
 * The production configuration knows nothing of them.
 *
 * - TOURNEY_FAULT_GENERATION=1: every generation throws after inserting its sessions (rolled back).
 * - TOURNEY_FAULT_DELAY_MS=n: a task waits n ms once marked running, so a test can kill the worker mid-job.
 */
import type { GenerationFaults } from '../../src/services/context.ts';
import { runWorker } from '../../src/worker-process.ts';

function faultsFrom(env: Record<string, string | undefined>): GenerationFaults {
  const delayMs = Number(env.TOURNEY_FAULT_DELAY_MS ?? 0);
  if (!Number.isInteger(delayMs) || delayMs < 0) throw new Error(`TOURNEY_FAULT_DELAY_MS must be a whole number of ms, got ${env.TOURNEY_FAULT_DELAY_MS}`);
  const failing = env.TOURNEY_FAULT_GENERATION === '1' || env.TOURNEY_FAULT_GENERATION === 'true';
  return {
    ...(delayMs > 0 ? { beforeGeneration: (clock) => clock.sleep(delayMs) } : {}),
    ...(failing
      ? {
          afterInsert: () => {
            throw new Error('generation failed on purpose: the TOURNEY_FAULT_GENERATION test switch is on');
          },
        }
      : {}),
  };
}

await runWorker(faultsFrom(process.env));
