/**
 * The one handler of the `generate-sessions` job, whichever queue delivered it.
 * It validates the payload and calls the use-case; nothing else.
 */
import { hostname } from 'node:os';
import type { GenerationContext } from '../services/context.ts';
import type { GenerationJobData } from '../services/ports.ts';
import { runGenerationTask } from '../services/run-generation-task.ts';

export const QUEUE_NAME = 'tournaments';
export const GENERATION_JOB = 'generate-sessions';
export const GENERATION_ATTEMPTS = 3;
export const GENERATION_BACKOFF_MS = 500;
/** How soon a job that found the database unreachable tries again (it costs no attempt). */
export const OUTAGE_RETRY_MS = 1_000;

/** host:pid, as recorded on the task. */
export const WORKER_IDENTITY = `${hostname()}:${process.pid}`;

export class BadJobError extends Error {}

/** Checks a payload that came off the queue. */
export function parseGenerationJob(data: unknown): { tournamentId: number; taskId: string } {
  const d = data as Partial<GenerationJobData> | null;
  if (!d || !Number.isSafeInteger(d.tournament_id) || (d.tournament_id as number) < 1) {
    throw new BadJobError('job data needs tournament_id, a positive integer');
  }
  if (typeof d.task_id !== 'string' || !/^[0-9a-f-]{36}$/i.test(d.task_id)) {
    throw new BadJobError('job data needs task_id, a UUID');
  }
  return { tournamentId: d.tournament_id as number, taskId: d.task_id };
}

/** Runs one delivery of the job; `finalAttempt` says whether the queue will try again after a failure. */
export async function handleGenerationJob(ctx: GenerationContext, data: unknown, finalAttempt: boolean) {
  const { tournamentId, taskId } = parseGenerationJob(data);
  return runGenerationTask(ctx, { tournamentId, taskId, worker: WORKER_IDENTITY, finalAttempt });
}
