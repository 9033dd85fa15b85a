/** Calls for running a real event: participants, seeding, withdrawals, edits, sharing, exports. */
import { getToken } from '../auth/stored-session.ts';
import { request, send } from './api-client.ts';
import { ApiError } from './api-error.ts';
import type {
  DeletedReply,
  EditTournamentBody,
  ImportReply,
  Participant,
  ParticipantInput,
  ParticipantList,
  SeedBody,
  SharingReply,
  SimulateReply,
  StartReply,
  TournamentDetail,
  WithdrawalReply,
} from './wire-types.ts';

export type { Participant };

const t = (id: number) => `/tournaments/${id}`;

export const eventCalls = {
  participants: (id: number, signal?: AbortSignal) => request<ParticipantList>('GET', `${t(id)}/participants`, undefined, signal),
  add: (id: number, participants: ParticipantInput[]) => request<ParticipantList>('POST', `${t(id)}/participants`, { participants }),
  paste: (id: number, text: string) => request<ParticipantList>('POST', `${t(id)}/participants`, { text }),
  importCsv: (id: number, csv: string) => sendCsv(`${t(id)}/participants/import`, csv),
  seed: (id: number, method: SeedBody['method']) => request<ParticipantList>('POST', `${t(id)}/participants/seed`, { method }),
  order: (id: number, playerIds: number[]) => request<ParticipantList>('PUT', `${t(id)}/participants/order`, { player_ids: playerIds }),
  remove: (id: number, playerId: number) => request<ParticipantList>('DELETE', `${t(id)}/participants/${playerId}`),
  withdraw: (id: number, playerId: number) => request<WithdrawalReply>('POST', `${t(id)}/participants/${playerId}/withdraw`, {}),
  edit: (id: number, changes: EditTournamentBody) => request<TournamentDetail>('PATCH', t(id), changes),
  remove_draft: (id: number) => request<DeletedReply>('DELETE', t(id)),
  start: (id: number) => request<StartReply>('POST', `${t(id)}/start`, {}),
  cancel: (id: number) => request<TournamentDetail>('POST', `${t(id)}/cancel`, {}),
  complete: (id: number) => request<TournamentDetail>('POST', `${t(id)}/complete`, {}),
  simulate: (id: number, force: boolean) => request<SimulateReply>('POST', `${t(id)}/simulate-results`, force ? { force } : {}),
  sharing: (id: number, sharing: boolean) => request<SharingReply>('PUT', `${t(id)}/sharing`, { sharing }),
};

function sendCsv(path: string, csv: string): Promise<ImportReply> {
  return send<ImportReply>('POST', path, { body: csv, contentType: 'text/csv' });
}

/** Downloads an export (CSV) with the bearer token, as a file named by the server. */
export async function downloadExport(id: number, kind: 'standings' | 'results'): Promise<void> {
  const token = getToken();
  const response = await fetch(`/api/v1${t(id)}/export/${kind}.csv`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new ApiError(response.status, `http_${response.status}`, 'the export could not be made');
  saveFile(await response.blob(), `tournament-${id}-${kind}.csv`);
}

/** Hands a file made in the page to the browser's downloads. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
