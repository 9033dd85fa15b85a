import { DomainError, NotFoundError } from '../domain/errors.ts';
import type { TaskMetrics } from './ports.ts';
import type { GenerationContext } from './context.ts';
import { generateSessions } from './generate-sessions.ts';

export interface GenerationTaskInput {
  tournamentId: number;
  taskId: string;
  /** host:pid of the process doing the work. */
  worker: string;
  /** Whether the queue will not try this job again after a failure. */
  finalAttempt: boolean;
}

/** Thrown when a task cannot succeed however often it is tried (no such tournament, bad settings). */
export class PermanentTaskError extends Error {}

/**
 * The `generate-sessions` job: marks the task running, generates exactly once, and records
 * the outcome and its metrics. A failed attempt is recorded and rethrown for the queue to
 * retry; the last one (or one that can never succeed) leaves the task in `error`.
 */
export async function runGenerationTask(ctx: GenerationContext, input: GenerationTaskInput): Promise<TaskMetrics & { attempts: number }> {
  const { store } = ctx;
  if (!(await store.tournaments.get(input.tournamentId))) {
    throw new PermanentTaskError(new NotFoundError(`tournament ${input.tournamentId} does not exist`).message);
  }
  const started = await store.tasks.start(input.taskId, input.tournamentId, input.worker);
  if (!started) {
    const finished = await store.tasks.get(input.taskId);
    return { ...(finished?.metrics ?? {}), attempts: finished?.attempts ?? 0 };
  }
  const { queueWaitMs, attempts } = started;
  try {
    if (ctx.faultDelayMs) await ctx.clock.sleep(ctx.faultDelayMs);
    const outcome = await generateSessions(ctx, input.tournamentId, { fault: ctx.faultGeneration });
    const metrics: TaskMetrics = {
      queueWaitTimeMs: queueWaitMs,
      generationDurationMs: outcome.generationMs,
      dbWriteTimeMs: outcome.writeMs,
      sessionsCount: outcome.sessionsCount,
      createdCount: outcome.createdCount,
    };
    await store.tasks.finish(input.taskId, metrics);
    return { ...metrics, attempts };
  } catch (error) {
    const permanent = error instanceof DomainError;
    const message = error instanceof Error ? error.message : String(error);
    await store.tasks.fail(input.taskId, message, input.finalAttempt || permanent);
    throw permanent ? new PermanentTaskError(message) : error;
  }
}
