import { clearSession, getToken } from '../auth/stored-session.ts';
import { ApiError } from './api-error.ts';
import type {
  FormatsReply,
  LoginReply,
  Me,
  Phase,
  RankingListQuery,
  RankingPage,
  RankingsCountReply,
  ScenarioReply,
  ScenarioBody,
  Session,
  SessionListQuery,
  SessionPage,
  TicketBody,
  TicketReply,
  PhaseStandingsQuery,
  PhaseStandingsReply,
  TournamentDetail,
  TournamentListQuery,
  TournamentPage,
} from './wire-types.ts';

const BASE = '/api/v1';

type Query = Record<string, string | number | undefined | null>;

function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** One call to the API with a JSON body (if any) and the stored bearer token; throws ApiError on anything but 2xx. */
export function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  return send<T>(method, path, body === undefined ? { signal } : { body: JSON.stringify(body), contentType: 'application/json', signal });
}

/** One call to the API with a body already encoded (JSON, CSV); throws ApiError on anything but 2xx. */
export async function send<T>(method: string, path: string, options: { body?: string; contentType?: string; signal?: AbortSignal } = {}): Promise<T> {
  const { body, contentType, signal } = options;
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (contentType) headers['content-type'] = contentType;
  let response: Response;
  try {
    response = await fetch(BASE + path, { method, headers, body, signal });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(0, 'network', 'no answer from the server');
  }
  const text = await response.text().catch(() => '');
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!response.ok) {
    const err = (json as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
    const code = typeof err?.code === 'string' ? err.code : `http_${response.status}`;
    const message = typeof err?.message === 'string' ? err.message : response.statusText || 'no message';
    const details = err?.details && typeof err.details === 'object' ? (err.details as Record<string, unknown>) : {};
    // A token the server no longer accepts is a signed-out browser, unless this was the login itself.
    if (response.status === 401 && path !== '/auth/login') clearSession();
    throw new ApiError(response.status, code, message, details);
  }
  if (json === null) throw new ApiError(response.status, 'bad_answer', 'the server sent an answer that is not JSON');
  return json as T;
}

export const api = {
  login: (email: string, password: string) => request<LoginReply>('POST', '/auth/login', { email, password }),
  ticket: (body: TicketBody) => request<TicketReply>('POST', '/auth/ticket', body),
  me: () => request<Me>('GET', '/auth/me'),
  formats: () => request<FormatsReply>('GET', '/formats'),
  runScenario: (body: ScenarioBody) => request<ScenarioReply>('POST', '/tournaments/ops/run-scenario', body),
  tournaments: (query: TournamentListQuery, signal?: AbortSignal) =>
    request<TournamentPage>('GET', withQuery('/tournaments', query), undefined, signal),
  tournament: (id: number, signal?: AbortSignal) => request<TournamentDetail>('GET', `/tournaments/${id}`, undefined, signal),
  sessions: (id: number, query: SessionListQuery, signal?: AbortSignal) =>
    request<SessionPage>('GET', withQuery(`/tournaments/${id}/sessions`, query), undefined, signal),
  calculateRankings: (id: number) => request<RankingsCountReply>('POST', `/tournaments/${id}/calculate-rankings`, {}),
  complete: (id: number) => request<TournamentDetail>('POST', `/tournaments/${id}/complete`, {}),
  phaseStandings: (id: number, query: PhaseStandingsQuery, signal?: AbortSignal) =>
    request<PhaseStandingsReply>('GET', withQuery(`/tournaments/${id}/phase-standings`, query), undefined, signal),
  rankings: (id: number, query: RankingListQuery, signal?: AbortSignal) =>
    request<RankingPage>('GET', withQuery(`/tournaments/${id}/rankings`, query), undefined, signal),
};

const SESSION_PAGE = 500;

/** Every session of a phase (and round, if given), following the cursor page by page. */
export async function allSessions(
  id: number,
  query: { phase?: Phase; round?: number },
  signal?: AbortSignal,
): Promise<Session[]> {
  const out: Session[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.sessions(id, { ...query, limit: SESSION_PAGE, cursor }, signal);
    out.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return out;
}

/**
 * The URL of a tournament's Server-Sent Events stream. EventSource cannot send headers, so the
 * URL carries a 60-second ticket for this one stream, never the token; null when signed out.
 */
export async function eventsUrl(id: number): Promise<string | null> {
  if (!getToken()) return null;
  const { ticket } = await api.ticket({ purpose: 'events', tournament_id: id });
  return `${BASE}/tournaments/${id}/events?ticket=${encodeURIComponent(ticket)}`;
}

/** The queue board's address with a 60-second ticket, which the board trades for its own cookie. */
export async function queueBoardUrl(): Promise<string> {
  const { ticket } = await api.ticket({ purpose: 'queue_board' });
  return `/admin/queues?ticket=${encodeURIComponent(ticket)}`;
}
