import { ValidationError } from '../domain/errors.ts';
import type { Phase } from '../domain/formats/format.ts';
import type { Store } from './ports.ts';
import { getTournamentRecord } from './load-tournament.ts';

/** Sessions by phase, round and match number; `cursor` continues after the previous page. */
export async function listSessions(store: Store, tournamentId: number, query: { phase?: Phase; round?: number; playerId?: number; limit?: number; cursor?: string }) {
  await getTournamentRecord(store, tournamentId);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const page = await store.sessions.list(tournamentId, { phase: query.phase, round: query.round, playerId: query.playerId, limit: query.limit, after });
  const more = query.limit !== undefined && page.items.length === query.limit && page.last !== null;
  return { items: page.items, nextCursor: more ? encodeCursor(page.last!) : null };
}

function encodeCursor(position: [number, number, number]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodeCursor(cursor: string): [number, number, number] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3 && value.every((v) => Number.isInteger(v))) {
      return value as [number, number, number];
    }
  } catch {
    // Falls through to the error below.
  }
  throw new ValidationError('cursor', 'is not a cursor this API gave out');
}
