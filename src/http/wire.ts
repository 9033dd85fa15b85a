/** The mapping from the services' camelCase results to the wire's snake_case JSON. */
import type { GenerationStatus } from '../services/get-generation-status.ts';
import type { TournamentCounts, TournamentListItem, TournamentRecord } from '../storage/tournament-repository.ts';

export function tournamentJson(t: TournamentRecord & { enrolled?: number }) {
  return {
    id: t.id,
    name: t.name,
    format: t.format,
    settings: t.settings,
    status: t.status,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
    ...(t.enrolled === undefined ? {} : { enrolled_count: t.enrolled }),
  };
}

export function tournamentListJson(items: TournamentListItem[], limit: number) {
  return {
    items: items.map(tournamentJson),
    next_before_id: items.length === limit ? items[items.length - 1].id : null,
  };
}

export function tournamentDetailJson(detail: {
  tournament: TournamentRecord;
  counts: TournamentCounts;
  latestTask: GenerationStatus | null;
  breakdown: { phase: string; round: number; sessions: number; results: number }[];
}) {
  const { tournament, counts, latestTask, breakdown } = detail;
  return {
    ...tournamentJson(tournament),
    enrolled_count: counts.enrolled,
    counts: {
      enrolled: counts.enrolled,
      sessions: counts.sessions,
      results_submitted: counts.resultsSubmitted,
      rankings: counts.rankings,
    },
    latest_task: latestTask ? generationStatusJson(latestTask) : null,
    breakdown,
  };
}

export function generationStatusJson(s: GenerationStatus) {
  return {
    task_id: s.taskId,
    tournament_id: s.tournamentId,
    status: s.status,
    sessions_count: s.sessionsCount,
    created_count: s.createdCount,
    queue_wait_time_ms: s.queueWaitTimeMs,
    generation_duration_ms: s.generationDurationMs,
    db_write_time_ms: s.dbWriteTimeMs,
    attempts: s.attempts,
    worker: s.worker,
    enqueued_at: s.enqueuedAt,
    started_at: s.startedAt,
    finished_at: s.finishedAt,
    error: s.error,
  };
}
