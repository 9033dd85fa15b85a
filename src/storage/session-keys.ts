/**
 * Finding sessions by id without an index of ids: an id made by sessionId() carries its session's
 * key (tournament, ordinal), read through the (tournament, ordinal) index; an id made before
 * (below LEGACY_ID_BOUND) is found through the partial index sessions_id_key (migration 0020).
 * The id is compared too: a key written again since holds a session of another id.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './database.ts';
import { LEGACY_ID_BOUND, sessionKeyOf } from './session-ids.ts';

/** A filter on the sessions (or session_state) row `alias`: the session of id `id` in the tournament. */
export function sessionById(alias: string, tournamentId: number, given: string): SQL {
  const a = sql.raw(alias);
  const id = given.toLowerCase();
  const key = sessionKeyOf(id);
  if (key) {
    // An id of another tournament's key finds nothing, as before.
    return sql`${a}.tournament_id = ${tournamentId} and ${a}.ordinal = ${key.tournamentId === tournamentId ? key.ordinal : -1} and ${a}.id = ${id}`;
  }
  return sql`${a}.tournament_id = ${tournamentId} and ${a}.id = ${id}${legacyBound(a, id)}`;
}

// The partial index's predicate, so the planner may use it; an id at or above the bound that
// carries no key (a random v4 from before) is read without it (through the tournament's rows).
function legacyBound(alias: SQL, id: string): SQL {
  return id < LEGACY_ID_BOUND ? sql` and ${alias}.id < ${LEGACY_ID_BOUND}::uuid` : sql``;
}

/**
 * The keys of the sessions with these ids, index for index: tournament and ordinal, null where
 * no session has the id. Keys carried by the ids are taken as they are (the statement that uses
 * them compares the id too); others are looked up, in one statement for all of them.
 */
export async function sessionKeys(db: Db, ids: readonly string[]): Promise<{ tournament: (number | null)[]; ordinal: (number | null)[] }> {
  const tournament = new Array<number | null>(ids.length).fill(null);
  const ordinal = new Array<number | null>(ids.length).fill(null);
  const legacy = new Map<string, number[]>();
  ids.forEach((given, i) => {
    const id = given.toLowerCase();
    const key = sessionKeyOf(id);
    if (key) {
      tournament[i] = key.tournamentId;
      ordinal[i] = key.ordinal;
    } else {
      legacy.set(id, [...(legacy.get(id) ?? []), i]);
    }
  });
  if (legacy.size > 0) {
    const below = [...legacy.keys()].filter((id) => id < LEGACY_ID_BOUND);
    const above = [...legacy.keys()].filter((id) => id >= LEGACY_ID_BOUND);
    const found = await db.execute(sql`
      select id::text as id, tournament_id, ordinal from sessions where id = any(${sql.param(below)}::uuid[]) and id < ${LEGACY_ID_BOUND}::uuid
      ${above.length > 0 ? sql`union all select id::text, tournament_id, ordinal from sessions where id = any(${sql.param(above)}::uuid[])` : sql``}`);
    for (const row of found.rows as { id: string; tournament_id: number | string; ordinal: number }[]) {
      for (const i of legacy.get(row.id) ?? []) {
        tournament[i] = Number(row.tournament_id);
        ordinal[i] = row.ordinal;
      }
    }
  }
  return { tournament, ordinal };
}
