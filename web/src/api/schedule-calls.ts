/** Calls for the schedule (times and stations) and for an individual event's attempts. */
import { ApiError } from './api-error.ts';
import { request } from './api-client.ts';
import type { AttemptReply, ScheduleReply, StationBoard } from './wire-types.ts';

/** settings.schedule as the organiser's form sends it. */
export interface ScheduleSettings {
  starts_at?: string | null;
  stations?: number | string[];
  session_minutes?: number;
  break_minutes?: number;
  rounds_wait?: boolean;
}

const t = (id: number) => `/tournaments/${id}`;

export const scheduleCalls = {
  /** Plans (or re-plans from now) the unplayed sessions; with settings, stores them first. */
  plan: (id: number, schedule?: ScheduleSettings) => request<ScheduleReply>('POST', `${t(id)}/schedule`, schedule ? { schedule } : {}),
  board: (id: number, signal?: AbortSignal) => request<StationBoard>('GET', `${t(id)}/schedule/board`, undefined, signal),
  attempt: (id: number, sessionId: string, value: number | null) => request<AttemptReply>('POST', `${t(id)}/sessions/${sessionId}/attempts`, { value }),
};

/** A shared tournament's board, without a token. */
export async function publicBoard(slug: string, signal?: AbortSignal): Promise<StationBoard> {
  const response = await fetch(`/api/v1/public/${slug}/schedule/board`, { headers: { accept: 'application/json' }, signal });
  const json = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!response.ok) throw new ApiError(response.status, json?.error?.code ?? `http_${response.status}`, json?.error?.message ?? response.statusText);
  return json as StationBoard;
}
