import { NotFoundError, ValidationError } from '../domain/errors.ts';
import type { Phase } from '../domain/formats/format.ts';
import type { SessionRecord, Store } from './ports.ts';
import { getTournamentRecord } from './load-tournament.ts';

/** Sessions in plan order (phase, round, match number); `cursor` continues after the previous page. */
export async function listSessions(store: Store, tournamentId: number, query: { phase?: Phase; round?: number; playerId?: number; limit?: number; cursor?: string }) {
  await getTournamentRecord(store, tournamentId);
  const afterOrdinal = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const page = await store.sessions.list(tournamentId, { phase: query.phase, round: query.round, playerId: query.playerId, limit: query.limit, afterOrdinal });
  const more = query.limit !== undefined && page.items.length === query.limit && page.last !== null;
  return { items: page.items, nextCursor: more ? encodeCursor(page.last!) : null };
}

/** One session of a tournament, as listed; 404 when the tournament or the session is not there. */
export async function getSession(store: Store, tournamentId: number, sessionId: string): Promise<SessionRecord> {
  await getTournamentRecord(store, tournamentId);
  const [session] = (await store.sessions.list(tournamentId, { id: sessionId })).items;
  if (!session) throw new NotFoundError(`session ${sessionId} does not exist in tournament ${tournamentId}`, { session_id: sessionId });
  return session;
}

// The cursor is the last session's ordinal (its place in the plan), opaque to clients.
function encodeCursor(ordinal: number): string {
  return Buffer.from(JSON.stringify({ after: ordinal })).toString('base64url');
}

function decodeCursor(cursor: string): number {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const after = (value as { after?: unknown } | null)?.after;
    if (typeof after === 'number' && Number.isSafeInteger(after) && after >= 0) return after;
  } catch {
    // Falls through to the error below.
  }
  throw new ValidationError('cursor', 'is not a cursor this API gave out');
}
