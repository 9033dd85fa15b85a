/** Calls for entering, correcting and tracing results (events). */
import { request } from './api-client.ts';
import type { Session } from './wire-types.ts';

export type Outcome = 'played' | 'walkover' | 'retired';

export interface ResultRequest {
  winner_id: number | null;
  score: [number, number] | null;
  outcome: Outcome;
}

export interface AuditEntry {
  id: number;
  at: string;
  action: 'result' | 'correction' | 'withdrawal' | 'simulation';
  actor: { id: number | null; email: string | null };
  session_id: string | null;
  player_id: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export const resultCalls = {
  submit: (tournamentId: number, sessionId: string, body: ResultRequest) =>
    request<{ session: Session; added_count: number }>('POST', `/tournaments/${tournamentId}/sessions/${sessionId}/result`, body),
  correct: (tournamentId: number, sessionId: string, body: ResultRequest, cascade: boolean) =>
    request<{ session: Session; cleared_session_ids: string[]; changed_session_ids: string[] }>(
      'PUT',
      `/tournaments/${tournamentId}/sessions/${sessionId}/result${cascade ? '?cascade=true' : ''}`,
      body,
    ),
  history: (tournamentId: number, sessionId: string, signal?: AbortSignal) =>
    request<{ items: AuditEntry[]; next_before_id: number | null }>('GET', `/tournaments/${tournamentId}/audit?session_id=${sessionId}&limit=50`, undefined, signal),
};
