import { DomainError, NotFoundError } from '../domain/errors.ts';
import { UnavailableError } from './errors.ts';
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
 * the outcome and its metrics in the transaction that writes the sessions (so a task is never
 * `running` over sessions that are all there). A failed attempt is recorded and rethrown for
 * the queue to retry; the last one (or one that can never succeed) leaves the task in `error`.
 * An unreachable database is rethrown as it is (UnavailableError): the queue waits for it
 * and tries again without counting an attempt.
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
    await ctx.faults?.beforeGeneration?.(ctx.clock);
    let metrics: TaskMetrics = {};
    await generateSessions(ctx, input.tournamentId, {
      afterInsert: ctx.faults?.afterInsert,
      record: async (tx, outcome) => {
        metrics = {
          queueWaitTimeMs: queueWaitMs,
          generationDurationMs: outcome.generationMs,
          dbWriteTimeMs: outcome.writeMs,
          sessionsCount: outcome.sessionsCount,
          createdCount: outcome.createdCount,
        };
        await tx.tasks.finish(input.taskId, metrics);
      },
    });
    return { ...metrics, attempts };
  } catch (error) {
    const outage = error instanceof UnavailableError;
    const permanent = error instanceof DomainError && !outage;
    const message = error instanceof Error ? error.message : String(error);
    try {
      await store.tasks.fail(input.taskId, message, !outage && (input.finalAttempt || permanent));
    } catch (recordError) {
      // The database that failed the attempt cannot record it either; the retry will.
      if (!(recordError instanceof UnavailableError)) throw recordError;
    }
    throw permanent ? new PermanentTaskError(message) : error;
  }
}
