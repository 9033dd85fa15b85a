/**
 * The command line's operations against a running server, over its HTTP API: used when a
 * server owns the embedded database (the CLI must not open it beside the server) or when
 * --url names one. It signs in like any client.
 */
import type {
  CreateUserBody, ErrorBody, GenerationStatus, LoginBody, LoginReply, RankingsCountReply, Readiness, ScenarioBody, ScenarioReply, SimulateReply, User,
} from '../http/contract/index.ts';
import type { Launched, Operations, TaskState } from './operations.ts';

/** The server answered with an error in the API's one shape. */
export class RemoteError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

/** What a request may take before the CLI gives up on the server. */
const REQUEST_TIMEOUT_MS = 600_000;

export interface Credentials {
  token?: string;
  email: string;
  /** Asked for only when no token is given. */
  password: () => Promise<string>;
}

export async function openHttpOperations(baseUrl: string, credentials: Credentials, note = ''): Promise<Operations> {
  const base = baseUrl.replace(/\/+$/, '');
  let token = credentials.token;

  // Signed in on the first call that needs it: `migrate` needs none.
  async function login(): Promise<string> {
    const password = await credentials.password();
    try {
      const body: LoginBody = { email: credentials.email, password };
      return (await call<LoginReply>('POST', '/api/v1/auth/login', body, false)).access_token;
    } catch (error) {
      if (error instanceof RemoteError && error.status === 401) {
        throw new RemoteError(401, error.code, `the server at ${base} refused the login of ${credentials.email}: ${error.message}`);
      }
      throw error;
    }
  }

  async function call<T>(method: string, path: string, body?: unknown, auth = true): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (auth) headers.authorization = `Bearer ${token ?? (token = await login())}`;
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(`cannot reach the tourney server at ${base}: ${cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))}`);
    }
    const text = await response.text();
    let data: unknown = undefined;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: reported below with the status.
    }
    if (!response.ok) {
      const problem = (data as Partial<ErrorBody> | undefined)?.error;
      throw new RemoteError(response.status, problem?.code ?? 'http_error', problem?.message ?? `${method} ${path} answered ${response.status}`);
    }
    return data as T;
  }

  return {
    target: `the tourney server at ${base}${note}`,
    migrate: async () => {
      const ready = await call<Readiness>('GET', '/readyz', undefined, false);
      return `the server at ${base} applied the migrations when it started (database ${ready.database}); nothing to do`;
    },
    createUser: (input: CreateUserBody) => call<User>('POST', '/api/v1/users', input),
    launch: async (input): Promise<Launched> => {
      const body: ScenarioBody = { player_count: input.players, format: input.format, seed: input.seed, simulate: false, confirmed: true };
      const launched = await call<ScenarioReply>('POST', '/api/v1/tournaments/ops/run-scenario', body);
      return { tournamentId: launched.tournament_id, taskId: launched.task_id, mode: launched.mode };
    },
    generationStatus: async (tournamentId, taskId): Promise<TaskState> => {
      const status = await call<GenerationStatus>('GET', `/api/v1/tournaments/${tournamentId}/generation-status/${encodeURIComponent(taskId)}`);
      return { status: status.status, error: status.error };
    },
    simulate: async (tournamentId, seed) => {
      const outcome = await call<SimulateReply>('POST', `/api/v1/tournaments/${tournamentId}/simulate-results`, { seed });
      return { sessionsCount: outcome.sessions_count };
    },
    rank: async (tournamentId) => {
      const outcome = await call<RankingsCountReply>('POST', `/api/v1/tournaments/${tournamentId}/calculate-rankings`, {});
      return { rankingsCount: outcome.rankings_count };
    },
    complete: async (tournamentId) => {
      await call('POST', `/api/v1/tournaments/${tournamentId}/complete`, {});
    },
    close: async () => undefined,
  };
}
