import { NotFoundError } from '../domain/errors.ts';
import type { Store, TaskRecord, TaskStatus } from './ports.ts';
import { SYNC_TASK_ID } from './launch-scenario.ts';
import { getTournamentRecord } from './load-tournament.ts';

export interface GenerationStatus {
  taskId: string;
  tournamentId: number;
  status: TaskStatus;
  sessionsCount: number;
  createdCount: number | null;
  queueWaitTimeMs: number | null;
  generationDurationMs: number | null;
  dbWriteTimeMs: number | null;
  attempts: number;
  worker: string | null;
  enqueuedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The state of a generation task, read from the database (not the queue), so it answers
 * `queued` the moment the task exists and keeps answering while the queue restarts.
 */
export async function getGenerationStatus(store: Store, tournamentId: number, taskId: string): Promise<GenerationStatus> {
  await getTournamentRecord(store, tournamentId);
  if (taskId === SYNC_TASK_ID) {
    return {
      taskId, tournamentId, status: 'done', sessionsCount: await store.sessions.count(tournamentId), createdCount: null,
      queueWaitTimeMs: null, generationDurationMs: null, dbWriteTimeMs: null, attempts: 0, worker: null,
      enqueuedAt: null, startedAt: null, finishedAt: null, error: null,
    };
  }
  const task = UUID.test(taskId) ? await store.tasks.get(taskId) : null;
  if (!task || task.tournamentId !== tournamentId) {
    throw new NotFoundError(`task ${taskId} does not exist for tournament ${tournamentId}`, { task_id: taskId });
  }
  // Until the task is done, the sessions committed so far: the count kept on the tournament's row,
  // not a count of the sessions (which stepped through the rows a generation has not committed yet).
  const current = task.status === 'done' ? null : await store.sessions.count(tournamentId);
  return describeTask(task, current);
}

/** A task record as a status; `currentSessions` stands in for the count until the task is done. */
export function describeTask(task: TaskRecord, currentSessions: number | null): GenerationStatus {
  const m = task.metrics;
  return {
    taskId: task.id,
    tournamentId: task.tournamentId,
    status: task.status,
    sessionsCount: m.sessionsCount ?? currentSessions ?? 0,
    createdCount: m.createdCount ?? null,
    queueWaitTimeMs: m.queueWaitTimeMs ?? null,
    generationDurationMs: m.generationDurationMs ?? null,
    dbWriteTimeMs: m.dbWriteTimeMs ?? null,
    attempts: task.attempts,
    worker: task.worker,
    enqueuedAt: task.enqueuedAt,
    startedAt: task.startedAt,
    finishedAt: task.finishedAt,
    error: task.error,
  };
}
