/**
 * A small client of the HTTP API for the end-to-end suites and the benchmark: real HTTP
 * against a running server, with the wire types of the server's contract (src/http/contract).
 */
import type {
  GenerationStatus,
  LoginReply,
  QueuedReply,
  Ranking,
  RankingPage,
  RankingsCountReply,
  ScenarioBody,
  ScenarioReply,
  Session,
  SessionPage,
  SimulateReply,
  TournamentDetail,
} from '../../src/http/contract/index.ts';
import { waitFor } from './wait-for.ts';

export type { GenerationStatus, Ranking, ScenarioReply, Session, TournamentDetail };

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
    const { access_token } = await this.ok<LoginReply>('POST', '/api/v1/auth/login', { email, password });
    this.token = access_token;
    return access_token;
  }

  runScenario(input: ScenarioBody) {
    return this.ok<ScenarioReply>('POST', '/api/v1/tournaments/ops/run-scenario', input);
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
    return this.ok<QueuedReply>('POST', `/api/v1/tournaments/${tournamentId}/generate-sessions`);
  }

  /** Every session, following the cursor. */
  async sessions(tournamentId: number, pageSize = 100_000): Promise<Session[]> {
    const all: Session[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `limit=${pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page: SessionPage = await this.ok('GET', `/api/v1/tournaments/${tournamentId}/sessions?${query}`);
      all.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
    return all;
  }

  simulateResults(tournamentId: number, seed?: number) {
    return this.ok<SimulateReply>(
      'POST', `/api/v1/tournaments/${tournamentId}/simulate-results`, seed === undefined ? {} : { seed });
  }

  calculateRankings(tournamentId: number) {
    return this.ok<RankingsCountReply>('POST', `/api/v1/tournaments/${tournamentId}/calculate-rankings`);
  }

  /** Every ranking, by rank, a page of 1000 at a time. */
  async rankings(tournamentId: number): Promise<RankingPage> {
    const items: Ranking[] = [];
    let total = 0;
    do {
      const page = await this.ok<RankingPage>('GET', `/api/v1/tournaments/${tournamentId}/rankings?limit=1000&offset=${items.length}`);
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
