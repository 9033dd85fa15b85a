/** The mapping from the services' camelCase results to the wire's snake_case JSON. */
import type { GenerationStatus } from '../services/get-generation-status.ts';
import type { RankingRecord, RoundBreakdown, SessionRecord, TournamentCounts, TournamentListItem, TournamentRecord } from '../services/ports.ts';

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
  breakdown: RoundBreakdown[];
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

export function sessionJson(s: SessionRecord) {
  return {
    id: s.id,
    tournament_id: s.tournamentId,
    phase: s.phase,
    tournament_round: s.round,
    tournament_match_number: s.matchNumber,
    group_identifier: s.group,
    participants: s.participants,
    winner_id: s.winnerId,
    score: s.score,
    result_submitted: s.resultSubmitted,
    next_session_id: s.nextSessionId,
    next_slot: s.nextSlot,
    loser_next_session_id: s.loserNextSessionId,
    loser_next_slot: s.loserNextSlot,
  };
}

export function rankingJson(r: RankingRecord) {
  return {
    player_id: r.playerId,
    player_name: r.playerName,
    seed: r.seed,
    rank: r.rank,
    points: r.points,
    wins: r.wins,
    draws: r.draws,
    losses: r.losses,
    score_for: r.scoreFor,
    score_against: r.scoreAgainst,
  };
}
