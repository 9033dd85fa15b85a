/** Calls for entering, correcting and tracing results (events). */
import { request } from './api-client.ts';
import type { AuditEntry, AuditPage, CorrectionReply, ResultBody, ResultReply, Session } from './wire-types.ts';

export type Outcome = NonNullable<ResultBody['outcome']>;
export type { AuditEntry };

export const resultCalls = {
  session: (tournamentId: number, sessionId: string, signal?: AbortSignal) =>
    request<Session>('GET', `/tournaments/${tournamentId}/sessions/${sessionId}`, undefined, signal),
  submit: (tournamentId: number, sessionId: string, body: ResultBody) =>
    request<ResultReply>('POST', `/tournaments/${tournamentId}/sessions/${sessionId}/result`, body),
  correct: (tournamentId: number, sessionId: string, body: ResultBody, cascade: boolean) =>
    request<CorrectionReply>(
      'PUT',
      `/tournaments/${tournamentId}/sessions/${sessionId}/result${cascade ? '?cascade=true' : ''}`,
      body,
    ),
  history: (tournamentId: number, sessionId: string, signal?: AbortSignal) =>
    request<AuditPage>('GET', `/tournaments/${tournamentId}/audit?session_id=${sessionId}&limit=50`, undefined, signal),
};
