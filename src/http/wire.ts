/** The mapping from the services' camelCase records to the contract's snake_case wire shapes. */
import type { GenerationStatus as GenerationStatusRecord } from '../services/get-generation-status.ts';
import type { StandingRow } from '../services/export-tournament.ts';
import type { AuditRecord, ParticipantRecord, RankingRecord, SessionRecord, TournamentRecord } from '../services/ports.ts';
import type { StandingsPage } from '../services/view-standings.ts';
import type { TournamentOverview } from '../services/view-tournaments.ts';
import type { AuditEntry, Participant, PublicTournament, Standing } from './contract/event-day.ts';
import type { Ranking } from './contract/rankings.ts';
import type { Session } from './contract/sessions.ts';
import type { PhaseTable } from './contract/phase-standings.ts';
import type { GenerationStatus, Tournament, TournamentDetail } from './contract/tournaments.ts';

export function tournamentJson(t: TournamentRecord & { enrolled?: number }): Tournament {
  return {
    id: t.id,
    name: t.name,
    format: t.format,
    settings: t.settings,
    status: t.status,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
    ...(t.enrolled === undefined ? {} : { enrolled_count: t.enrolled }),
    synthetic: t.synthetic,
    sharing: t.sharing,
    share_slug: t.shareSlug,
  };
}

/** The key of the next page: the last item's id when the page is full, else null. */
export function nextKey(items: readonly { id: number }[], limit: number): number | null {
  return items.length === limit && items.length > 0 ? items[items.length - 1].id : null;
}

export function tournamentDetailJson({ tournament, counts, latestTask, breakdown, revision }: TournamentOverview): TournamentDetail {
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
    revision,
  };
}

export function generationStatusJson(s: GenerationStatusRecord): GenerationStatus {
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

export function sessionJson(s: SessionRecord): Session {
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
    outcome: s.outcome,
    next_session_id: s.nextSessionId,
    next_slot: s.nextSlot,
    loser_next_session_id: s.loserNextSessionId,
    loser_next_slot: s.loserNextSlot,
    scheduled_at: s.scheduledAt ?? null,
    station: s.station ?? null,
    attempts: s.attempts ?? null,
  };
}

export function rankingJson(r: RankingRecord): Ranking {
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
    tie_breaks: r.tieBreaks,
  };
}

export function participantJson(p: ParticipantRecord): Participant {
  return {
    player_id: p.playerId,
    name: p.name,
    rating: p.rating,
    club: p.club,
    seed: p.seed,
    entry_number: p.entryNumber,
    withdrawn_at: p.withdrawnAt,
  };
}

export function auditJson(e: AuditRecord): AuditEntry {
  return {
    id: e.id,
    at: e.at,
    action: e.action,
    actor: e.actor,
    session_id: e.sessionId,
    player_id: e.playerId,
    before: (e.before ?? null) as AuditEntry['before'],
    after: (e.after ?? null) as AuditEntry['after'],
  };
}

export function standingJson(r: StandingRow): Standing {
  return {
    rank: r.rank,
    player_id: r.playerId,
    name: r.name,
    club: r.club,
    rating: r.rating,
    seed: r.seed,
    withdrawn: r.withdrawn,
    points: r.points,
    wins: r.wins,
    draws: r.draws,
    losses: r.losses,
    score_for: r.scoreFor,
    score_against: r.scoreAgainst,
    tie_breaks: r.tieBreaks,
  };
}

/** A shared tournament as anyone may see it: no ids of users, no tasks, no slug. */
export function publicTournamentJson({ tournament, counts, breakdown, revision }: TournamentOverview): PublicTournament {
  return {
    name: tournament.name,
    format: tournament.format,
    status: tournament.status,
    settings: tournament.settings,
    counts: { participants: counts.enrolled, sessions: counts.sessions, results_submitted: counts.resultsSubmitted },
    breakdown,
    updated_at: tournament.updatedAt,
    revision,
  };
}

export function phaseTableJson(t: StandingsPage): PhaseTable {
  return {
    phase: t.phase,
    group: t.group,
    tie_breakers: t.tieBreakers,
    total: t.total,
    lines: t.lines.map((l) => ({
      rank: l.rank,
      player_id: l.playerId,
      player_name: l.name,
      seed: l.seed,
      played: l.played,
      points: l.points,
      wins: l.wins,
      draws: l.draws,
      losses: l.losses,
      score_for: l.scoreFor,
      score_against: l.scoreAgainst,
      tie_break_values: l.tieBreakValues,
      tie_breaks: l.tieBreaks,
    })),
  };
}
