import type { Store, TaskSummary } from './ports.ts';

/** Upper bounds (seconds) of the generation job duration histogram. */
export const JOB_DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300] as const;

/**
 * Generation tasks across every worker, read from their durable records: how many are in
 * each status, how many sessions they wrote, and how long the finished ones took from
 * pick-up to outcome. One source for the metrics, whichever process or host did the work.
 */
export async function summarizeTasks(store: Store): Promise<TaskSummary> {
  return store.tasks.summary(JOB_DURATION_BUCKETS);
}
