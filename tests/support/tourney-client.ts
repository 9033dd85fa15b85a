/**
 * A small client of the HTTP API (docs/api-contract.md) for the end-to-end suites and the
 * benchmark: real HTTP against a running server, wire names as the contract spells them.
 */
import { waitFor } from './wait-for.ts';

export interface Participant {
  id: number;
  name: string;
  seed: number | null;
  slot: number;
}

export interface Session {
  id: string;
  tournament_id: number;
  phase: string;
  tournament_round: number;
  tournament_match_number: number;
  group_identifier: string | null;
  participants: Participant[];
  winner_id: number | null;
  score: [number, number] | null;
  result_submitted: boolean;
  next_session_id: string | null;
  next_slot: number | null;
  loser_next_session_id: string | null;
  loser_next_slot: number | null;
}

export interface GenerationStatus {
  task_id: string;
  tournament_id: number;
  status: 'queued' | 'running' | 'done' | 'error';
  sessions_count: number;
  created_count: number | null;
  queue_wait_time_ms: number | null;
  generation_duration_ms: number | null;
  db_write_time_ms: number | null;
  attempts: number;
  worker: string | null;
  enqueued_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
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

export interface TournamentDetail {
  id: number;
  name: string;
  format: string;
  status: string;
  enrolled_count: number;
  counts: { enrolled: number; sessions: number; results_submitted: number; rankings: number };
  latest_task: GenerationStatus | null;
  breakdown: { phase: string; round: number; sessions: number; results: number }[];
}

export interface ScenarioOutcome {
  tournament_id: number;
  task_id: string;
  mode: 'sync' | 'async';
  enrolled_count: number;
  sessions_count: number;
  rankings_count: number;
  timings_ms: Record<string, number>;
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  /** Wall time of the request, in milliseconds. */
  ms: number;
}

export class ApiError extends Error {
  constructor(readonly method: string, readonly path: string, readonly response: ApiResponse) {
    super(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 500)}`);
  }
}

export class TourneyClient {
  constructor(readonly baseUrl: string, public token?: string) {}

  /** Any request; the answer whatever its status. */
  async request<T = unknown>(method: string, path: string, body?: unknown, timeoutMs = 60_000): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const t0 = performance.now();
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    const ms = performance.now() - t0;
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.status, body: parsed as T, ms };
  }

  /** A request that must answer 2xx; its body. */
  async ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.request<T>(method, path, body);
    if (response.status < 200 || response.status > 299) throw new ApiError(method, path, response);
    return response.body;
  }

  async login(email: string, password: string): Promise<string> {
    const { access_token } = await this.ok<{ access_token: string }>('POST', '/api/v1/auth/login', { email, password });
    this.token = access_token;
    return access_token;
  }

  runScenario(input: { player_count: number; format?: string; seed?: number; simulate?: boolean; confirmed?: boolean; name?: string }) {
    return this.ok<ScenarioOutcome>('POST', '/api/v1/tournaments/ops/run-scenario', input);
  }

  generationStatus(tournamentId: number, taskId: string) {
    return this.ok<GenerationStatus>('GET', `/api/v1/tournaments/${tournamentId}/generation-status/${taskId}`);
  }

  /** Polls the task until it is done or in error; fails after `timeoutMs`. */
  waitForTask(tournamentId: number, taskId: string, timeoutMs = 60_000, interval = 10): Promise<GenerationStatus> {
    return waitFor(async () => {
      const status = await this.generationStatus(tournamentId, taskId);
      return status.status === 'done' || status.status === 'error' ? status : null;
    }, { timeout: timeoutMs, interval, what: `task ${taskId} of tournament ${tournamentId} to finish` });
  }

  generateSessions(tournamentId: number) {
    return this.ok<{ task_id: string; status: string }>('POST', `/api/v1/tournaments/${tournamentId}/generate-sessions`);
  }

  /** Every session, following the cursor. */
  async sessions(tournamentId: number, pageSize = 100_000): Promise<Session[]> {
    const all: Session[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `limit=${pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page: { items: Session[]; next_cursor: string | null } = await this.ok('GET', `/api/v1/tournaments/${tournamentId}/sessions?${query}`);
      all.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
    return all;
  }

  simulateResults(tournamentId: number, seed?: number) {
    return this.ok<{ simulated_count: number; added_count: number; sessions_count: number; results_submitted: number }>(
      'POST', `/api/v1/tournaments/${tournamentId}/simulate-results`, seed === undefined ? {} : { seed });
  }

  calculateRankings(tournamentId: number) {
    return this.ok<{ rankings_count: number }>('POST', `/api/v1/tournaments/${tournamentId}/calculate-rankings`);
  }

  /** Every ranking, by rank, a page of 1000 at a time. */
  async rankings(tournamentId: number): Promise<{ items: Ranking[]; total: number }> {
    const items: Ranking[] = [];
    let total = 0;
    do {
      const page = await this.ok<{ items: Ranking[]; total: number }>('GET', `/api/v1/tournaments/${tournamentId}/rankings?limit=1000&offset=${items.length}`);
      total = page.total;
      items.push(...page.items);
      if (page.items.length === 0) break;
    } while (items.length < total);
    return { items, total };
  }

  complete(tournamentId: number) {
    return this.ok<TournamentDetail>('POST', `/api/v1/tournaments/${tournamentId}/complete`);
  }

  tournament(tournamentId: number) {
    return this.ok<TournamentDetail>('GET', `/api/v1/tournaments/${tournamentId}`);
  }
}
