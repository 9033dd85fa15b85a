/** Calls for running a real event: participants, seeding, withdrawals, edits, sharing, exports. */
import { getToken } from '../auth/stored-session.ts';
import { request } from './api-client.ts';
import { ApiError } from './api-error.ts';
import type { SimulateReply, Tournament } from './wire-types.ts';

export interface Participant {
  player_id: number;
  name: string;
  rating: number | null;
  club: string | null;
  seed: number;
  entry_number: number;
  withdrawn_at: string | null;
}

export interface ParticipantList {
  items: Participant[];
  seeding: { method: 'order' | 'rating' | 'random'; seed?: number } | null;
}

export interface ParticipantInput {
  name: string;
  rating?: number | null;
  club?: string | null;
}

export interface Sharing {
  sharing: boolean;
  slug: string | null;
  path: string | null;
}

const t = (id: number) => `/tournaments/${id}`;

export const eventCalls = {
  participants: (id: number, signal?: AbortSignal) => request<ParticipantList>('GET', `${t(id)}/participants`, undefined, signal),
  add: (id: number, participants: ParticipantInput[]) => request<ParticipantList>('POST', `${t(id)}/participants`, { participants }),
  paste: (id: number, text: string) => request<ParticipantList>('POST', `${t(id)}/participants`, { text }),
  importCsv: (id: number, csv: string) => sendCsv(`${t(id)}/participants/import`, csv),
  seed: (id: number, method: 'order' | 'rating' | 'random') => request<ParticipantList>('POST', `${t(id)}/participants/seed`, { method }),
  order: (id: number, playerIds: number[]) => request<ParticipantList>('PUT', `${t(id)}/participants/order`, { player_ids: playerIds }),
  remove: (id: number, playerId: number) => request<ParticipantList>('DELETE', `${t(id)}/participants/${playerId}`),
  withdraw: (id: number, playerId: number) =>
    request<{ walkover_session_ids: string[]; expunged_session_ids: string[]; added_count: number }>('POST', `${t(id)}/participants/${playerId}/withdraw`, {}),
  edit: (id: number, changes: { name?: string; settings?: Record<string, unknown> }) => request<Tournament>('PATCH', t(id), changes),
  remove_draft: (id: number) => request<null>('DELETE', t(id)),
  start: (id: number) => request<{ task_id: string; mode: string; sessions_count: number }>('POST', `${t(id)}/start`, {}),
  cancel: (id: number) => request<unknown>('POST', `${t(id)}/cancel`, {}),
  complete: (id: number) => request<unknown>('POST', `${t(id)}/complete`, {}),
  simulate: (id: number, force: boolean) =>
    request<SimulateReply>('POST', `${t(id)}/simulate-results`, force ? { force } : {}),
  sharing: (id: number, sharing: boolean) => request<Sharing>('PUT', `${t(id)}/sharing`, { sharing }),
};

async function sendCsv(path: string, csv: string) {
  const headers: Record<string, string> = { 'content-type': 'text/csv', accept: 'application/json' };
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`/api/v1${path}`, { method: 'POST', headers, body: csv });
  const json = (await response.json().catch(() => null)) as { error?: { code: string; message: string; details: Record<string, unknown> } } | null;
  if (!response.ok) throw new ApiError(response.status, json?.error?.code ?? `http_${response.status}`, json?.error?.message ?? response.statusText, json?.error?.details ?? {});
  return json as unknown as ParticipantList & { imported_count: number; ignored_columns: string[] };
}

/** Downloads an export (CSV) with the bearer token, as a file named by the server. */
export async function downloadExport(id: number, kind: 'standings' | 'results'): Promise<void> {
  const token = getToken();
  const response = await fetch(`/api/v1${t(id)}/export/${kind}.csv`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new ApiError(response.status, `http_${response.status}`, 'the export could not be made');
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `tournament-${id}-${kind}.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
