/** The API's JSON shapes, as docs/api-contract.md writes them (snake_case on the wire). */

export type Role = 'admin' | 'operator' | 'viewer' | (string & {});

export const TOURNAMENT_STATUSES = ['DRAFT', 'ENROLLMENT_OPEN', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'] as const;
export type TournamentStatus = (typeof TOURNAMENT_STATUSES)[number];

export type TaskStatus = 'queued' | 'running' | 'done' | 'error';

export type Phase = 'KNOCKOUT' | 'GROUP' | 'LEAGUE' | 'SWISS' | 'WINNERS' | 'LOSERS' | 'GRAND_FINAL' | 'INDIVIDUAL';

export interface LoginAnswer {
  access_token: string;
  token_type: 'bearer';
  role: Role;
  email: string;
}

export interface Me {
  id: number;
  email: string;
  role: Role;
}

export interface FormatSetting {
  name: string;
  type: 'boolean' | 'integer' | 'object' | 'array' | 'string';
  description: string;
  default?: unknown;
  /** The values a 'string' setting accepts. */
  choices?: string[];
}

export interface FormatDescription {
  name: string;
  min_players: number;
  max_players: number;
  allows_draws: boolean;
  settings: FormatSetting[];
}

export interface FormatsAnswer {
  async_threshold: number;
  formats: FormatDescription[];
}

export interface ScenarioRequest {
  player_count: number;
  format: string;
  name?: string;
  seed?: number;
  settings?: Record<string, unknown>;
  simulate: boolean;
  confirmed?: boolean;
}

export interface ScenarioAnswer {
  tournament_id: number;
  task_id: string;
  mode: 'sync' | 'async';
  enrolled_count: number;
  sessions_count: number;
  rankings_count: number;
  timings_ms: Record<string, number>;
}

export interface Tournament {
  id: number;
  name: string;
  format: string;
  settings: Record<string, unknown>;
  status: TournamentStatus;
  created_at: string;
  updated_at: string;
  enrolled_count?: number;
}

export interface TournamentPage {
  items: Tournament[];
  next_before_id: number | null;
}

export interface GenerationStatus {
  task_id: string;
  tournament_id: number;
  status: TaskStatus;
  sessions_count: number | null;
  created_count: number | null;
  queue_wait_time_ms: number | null;
  generation_duration_ms: number | null;
  db_write_time_ms: number | null;
  attempts: number | null;
  worker: string | null;
  enqueued_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
}

export interface RoundBreakdown {
  phase: Phase;
  round: number;
  sessions: number;
  results: number;
}

export interface TournamentDetail extends Tournament {
  counts: {
    enrolled: number;
    sessions: number;
    results_submitted: number;
    rankings: number;
  };
  latest_task: GenerationStatus | null;
  breakdown: RoundBreakdown[];
}

export interface SessionParticipant {
  id: number;
  name: string;
  seed: number | null;
  slot: number;
}

export interface Session {
  id: number | string;
  tournament_id: number;
  phase: Phase;
  tournament_round: number;
  tournament_match_number: number;
  group_identifier: string | null;
  participants: SessionParticipant[];
  winner_id: number | null;
  score: [number, number] | null;
  result_submitted: boolean;
  next_session_id: number | string | null;
  next_slot: number | null;
  loser_next_session_id: number | string | null;
  loser_next_slot: number | null;
}

export interface SessionPage {
  items: Session[];
  next_cursor: string | null;
}

export interface Ranking {
  player_id: number;
  player_name: string;
  seed: number | null;
  rank: number;
  points: number;
  wins: number;
  draws: number;
  losses: number;
  score_for: number;
  score_against: number;
}

export interface RankingPage {
  items: Ranking[];
  total: number;
}

export interface SimulateAnswer {
  simulated_count: number;
  added_count: number;
  sessions_count: number;
  results_submitted: number;
}

export interface RankingsAnswer {
  rankings_count: number;
}

/** The one error shape of the API. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** Match number of the third-place playoff (see the contract's Session shape). */
export const PLAYOFF_MATCH_NUMBER = 999;
