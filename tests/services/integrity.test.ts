/**
 * The integrity the foreign keys on enrollments, sessions and rankings gave, proven without
 * them (migration 0005 dropped them for write speed), on both backends: a deleted tournament
 * leaves no row behind in any table that names it; an enrolled player cannot be deleted; and an
 * enrollment racing a delete (of the player or of the tournament) cannot leave an orphan.
 *
 * The races are run in both orders with the second party provably waiting on the first's lock
 * (pg_stat_activity) on PostgreSQL; PGlite runs one transaction at a time, so there the second
 * simply runs after the first, and the same outcome is asserted.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.ts';
import { deleteDraft } from '../../src/services/edit-tournament.ts';
import { enrollPlayers } from '../../src/services/enroll-players.ts';
import { generateSessions } from '../../src/services/generate-sessions.ts';
import type { Store } from '../../src/services/ports.ts';
import { startApi, type ApiHarness } from '../support/api-app.ts';
import { waitFor } from '../support/wait-for.ts';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const SCENARIO = '/api/v1/tournaments/ops/run-scenario';

async function query<T>(statement: ReturnType<typeof sql>): Promise<T[]> {
  return (await api.database.db.execute(statement)).rows as T[];
}

/** Every row that names the tournament, table by table (attempts live on its sessions). */
async function rowsOf(id: number) {
  const [row] = await query<Record<string, number>>(sql`
    select (select count(*)::int from enrollments where tournament_id = ${id}) as enrollments,
      (select count(*)::int from sessions where tournament_id = ${id}) as sessions,
      (select count(*)::int from sessions where tournament_id = ${id} and attempts is not null) as attempts,
      (select count(*)::int from session_schedule where tournament_id = ${id}) as schedule,
      (select count(*)::int from session_results where tournament_id = ${id}) as results,
      (select count(*)::int from rankings where tournament_id = ${id}) as rankings,
      (select count(*)::int from tasks where tournament_id = ${id}) as tasks,
      (select count(*)::int from audit_events where tournament_id = ${id}) as audit,
      (select count(*)::int from tournaments where id = ${id}) as tournaments`);
  return row;
}

/** Rows of enrollments, sessions, their times and rankings whose tournament or player is gone: what a foreign key forbade. */
async function orphans() {
  const [row] = await query<Record<string, number>>(sql`
    select (select count(*)::int from enrollments e where not exists (select 1 from tournaments t where t.id = e.tournament_id)
              or not exists (select 1 from players p where p.id = e.player_id)) as enrollments,
      (select count(*)::int from sessions s where not exists (select 1 from tournaments t where t.id = s.tournament_id)) as sessions,
      (select count(*)::int from session_schedule c where not exists (select 1 from tournaments t where t.id = c.tournament_id)) as schedule,
      (select count(*)::int from session_results c where not exists (select 1 from tournaments t where t.id = c.tournament_id)) as results,
      (select count(*)::int from rankings r where not exists (select 1 from tournaments t where t.id = r.tournament_id)) as rankings`);
  return row;
}

/** Deletes a tournament as the repository does it, under its row lock, whatever its status. */
async function deleteTournament(store: Store, id: number): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.tournaments.lock(id);
    await tx.tournaments.delete(id);
  });
}

async function launched(body: Record<string, unknown>): Promise<number> {
  const res = await api.call('POST', SCENARIO, { body });
  expect(res.statusCode).toBe(201);
  return res.data.tournament_id;
}

async function draftWith(players: number): Promise<{ id: number; playerIds: number[] }> {
  const t = await api.ctx.store.tournaments.create({ name: 'draft', format: 'knockout', settings: {}, status: 'DRAFT' });
  const made = await api.ctx.store.players.create(Array.from({ length: players }, (_, i) => ({ name: `Entrant ${i + 1}`, rating: null, club: null })));
  const playerIds = made.map((p) => p.id);
  if (players > 0) await enrollPlayers(api.ctx.store, t.id, playerIds);
  return { id: t.id, playerIds };
}

/** The database's own error under the driver's wrapping: its SQLSTATE and message. */
function databaseError(error: unknown): { code?: string; message: string } {
  const e = error as { cause?: { code?: string; message?: string }; code?: string; message: string };
  return { code: e.cause?.code ?? e.code, message: e.cause?.message ?? e.message };
}

async function refusal(work: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await work;
  } catch (error) {
    return databaseError(error);
  }
  throw new Error('expected a refusal');
}

/**
 * Runs `first` in a transaction and, once it holds its locks, starts `second`; on PostgreSQL the
 * first commits only after the second is seen waiting on a lock, so the two really overlap.
 */
async function race<A, B>(first: (tx: Store) => Promise<A>, second: () => Promise<B>): Promise<[PromiseSettledResult<A>, PromiseSettledResult<B>]> {
  // The second party's outcome is captured the moment it starts: its refusal can come before the
  // first transaction's promise settles, and an outcome nobody listens to yet is an unhandled
  // rejection (which fails the run).
  let secondRun: Promise<PromiseSettledResult<B>> | undefined;
  const firstRun = api.ctx.store.transaction(async (tx) => {
    const value = await first(tx);
    secondRun = Promise.allSettled([second()]).then(([outcome]) => outcome);
    if (api.backend === 'postgres') {
      await waitFor(async () => {
        const [row] = await query<{ n: number }>(sql`
          select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
        return row.n > 0;
      }, { timeout: 30_000, interval: 20, what: 'the second transaction to wait on the first one\'s lock' });
    }
    return value;
  });
  const settled = await Promise.allSettled([firstRun]);
  return [settled[0], await secondRun!];
}

describe('a deleted tournament leaves nothing behind', () => {
  it('removes enrollments, sessions with their attempts, times and results, rankings, tasks and audit rows, and nothing of another tournament', async () => {
    const individual = await launched({ player_count: 12, format: 'individual', seed: 4, settings: { measure: 'distance', rounds: 2, advance: 4 } });
    const knockout = await launched({ player_count: 24, format: 'knockout', seed: 2 });
    const bystander = await launched({ player_count: 8, format: 'knockout', seed: 3 });
    for (const id of [individual, knockout]) {
      await api.ctx.store.tasks.create(crypto.randomUUID(), id);
      await api.ctx.store.audit.record([{ tournamentId: id, actor: { id: 1, email: 'admin@test.local' }, action: 'simulation',
        sessionId: null, playerId: null, before: null, after: { seed: 1 } }]);
    }
    // Times for every session of the knockout and the bystander (as a plan writes them).
    for (const [id, count] of [[knockout, 24], [bystander, 8]]) {
      const keys = Array.from({ length: count }, (_, k) => k);
      await api.ctx.store.transaction((tx) => tx.schedules.write(id, keys, Float64Array.from(keys, (k) => Date.UTC(2030, 5, 1, 9) + k * 60_000), keys.map(() => '1')));
    }
    const before = await rowsOf(individual);
    expect(before).toMatchObject({ enrollments: 12, rankings: 12, tasks: 1, audit: 1, tournaments: 1 });
    expect(before.sessions).toBeGreaterThan(12);
    expect(before.attempts).toBe(before.sessions);
    // Round one's 12 results are rows of session_results; the 4 of the final were inserted played.
    expect([before.sessions, before.results]).toEqual([16, 12]);
    expect(await rowsOf(knockout)).toMatchObject({ enrollments: 24, sessions: 24, schedule: 24, results: 24, rankings: 24, tasks: 1, audit: 1 });
    const untouched = await rowsOf(bystander);

    await deleteTournament(api.ctx.store, individual);
    await deleteTournament(api.ctx.store, knockout);

    const none = { enrollments: 0, sessions: 0, attempts: 0, schedule: 0, results: 0, rankings: 0, tasks: 0, audit: 0, tournaments: 0 };
    expect(await rowsOf(individual)).toEqual(none);
    expect(await rowsOf(knockout)).toEqual(none);
    expect(await rowsOf(bystander)).toEqual(untouched);
    expect([untouched.schedule, untouched.results]).toEqual([8, 8]);
    expect(await orphans()).toEqual({ enrollments: 0, sessions: 0, schedule: 0, results: 0, rankings: 0 });
  });

  it('deleting a draft through its use-case takes its enrollments and keeps its players', async () => {
    const { id, playerIds } = await draftWith(5);
    await deleteDraft(api.ctx.store, id);
    expect(await rowsOf(id)).toMatchObject({ enrollments: 0, tournaments: 0 });
    expect(await api.ctx.store.players.missing(playerIds)).toEqual([]);
  });
});

describe('an enrolled player cannot be deleted', () => {
  it('refuses the delete as a foreign key did, until the enrollment is gone', async () => {
    const { id, playerIds } = await draftWith(3);
    const refused = await refusal(api.ctx.store.players.delete([playerIds[1]]));
    expect(refused).toEqual({ code: '23503', message: `player ${playerIds[1]} is enrolled in a tournament` });
    expect(await api.ctx.store.players.missing(playerIds)).toEqual([]);

    // A delete of several stops at the enrolled one and deletes none.
    const [free] = await api.ctx.store.players.create([{ name: 'Free agent', rating: null, club: null }]);
    await refusal(api.ctx.store.players.delete([free.id, playerIds[0]]));
    expect(await api.ctx.store.players.missing([free.id])).toEqual([]);

    await api.ctx.store.transaction((tx) => tx.enrollments.remove(id, playerIds[1]));
    await api.ctx.store.players.delete([playerIds[1], free.id]);
    expect(await api.ctx.store.players.missing([playerIds[1], free.id])).toEqual([playerIds[1], free.id]);
  });
});

describe('an enrollment racing a delete leaves no orphan', () => {
  it('a player deleted while being enrolled: the enrollment wins and the delete is refused', async () => {
    const { id } = await draftWith(0);
    const [player] = await api.ctx.store.players.create([{ name: 'Racer', rating: null, club: null }]);
    // The enrollment has checked (and locked) the player; the delete comes in before it commits.
    const [enrolled, deleted] = await race(async (tx) => {
      expect(await tx.players.missing([player.id])).toEqual([]);
      await tx.enrollments.enroll(id, [player.id]);
    }, () => api.ctx.store.players.delete([player.id]));
    expect(enrolled.status).toBe('fulfilled');
    expect(deleted.status).toBe('rejected');
    expect(databaseError((deleted as PromiseRejectedResult).reason)).toEqual({ code: '23503', message: `player ${player.id} is enrolled in a tournament` });
    expect(await api.ctx.store.enrollments.alreadyEnrolled(id, [player.id])).toEqual([player.id]);
    expect(await orphans()).toMatchObject({ enrollments: 0 });
  });

  it('a player enrolled while being deleted: the delete wins and the enrollment is refused', async () => {
    const { id } = await draftWith(0);
    const [player] = await api.ctx.store.players.create([{ name: 'Leaver', rating: null, club: null }]);
    const [deleted, enrolled] = await race(async (tx) => tx.players.delete([player.id]), () => enrollPlayers(api.ctx.store, id, [player.id]));
    expect(deleted.status).toBe('fulfilled');
    expect(enrolled.status).toBe('rejected');
    const reason = (enrolled as PromiseRejectedResult).reason as DomainError;
    expect(reason).toBeInstanceOf(DomainError);
    expect(reason.details).toMatchObject({ field: 'player_ids', missing_player_ids: [player.id] });
    expect(await api.ctx.store.enrollments.count(id)).toBe(0);
    expect(await orphans()).toMatchObject({ enrollments: 0 });
  });

  it('a tournament deleted while players are enrolled: the enrollment commits first and is deleted with it', async () => {
    const { id, playerIds } = await draftWith(2);
    const [more] = await api.ctx.store.players.create([{ name: 'Late entry', rating: null, club: null }]);
    const [enrolled, deleted] = await race(async (tx) => {
      await tx.tournaments.lock(id);
      await tx.enrollments.enroll(id, [more.id]);
    }, () => deleteDraft(api.ctx.store, id));
    expect([enrolled.status, deleted.status]).toEqual(['fulfilled', 'fulfilled']);
    expect(await rowsOf(id)).toMatchObject({ enrollments: 0, tournaments: 0 });
    expect(await api.ctx.store.players.missing([...playerIds, more.id])).toEqual([]);
    expect(await orphans()).toMatchObject({ enrollments: 0 });
  });

  it('players enrolled in a tournament being deleted: the delete commits first and the enrollment finds no tournament', async () => {
    const { id } = await draftWith(2);
    const [more] = await api.ctx.store.players.create([{ name: 'Too late', rating: null, club: null }]);
    const [deleted, enrolled] = await race(async (tx) => {
      await tx.tournaments.lock(id);
      await tx.tournaments.delete(id);
    }, () => enrollPlayers(api.ctx.store, id, [more.id]));
    expect(deleted.status).toBe('fulfilled');
    expect(enrolled.status).toBe('rejected');
    expect(((enrolled as PromiseRejectedResult).reason as DomainError).code).toBe('not_found');
    expect(await rowsOf(id)).toMatchObject({ enrollments: 0, tournaments: 0 });
    expect(await orphans()).toMatchObject({ enrollments: 0 });
  });

  it('sessions generated for a tournament being deleted: the generation finds no tournament and writes nothing', async () => {
    const t = await api.ctx.store.tournaments.create({ name: 'doomed', format: 'knockout', settings: {}, status: 'IN_PROGRESS', synthetic: true });
    await api.ctx.store.transaction((tx) => tx.players.createAndEnrollSynthetic(t.id, 16));
    const [deleted, generated] = await race(async (tx) => {
      await tx.tournaments.lock(t.id);
      await tx.tournaments.delete(t.id);
    }, () => generateSessions(api.ctx, t.id));
    expect(deleted.status).toBe('fulfilled');
    expect(generated.status).toBe('rejected');
    expect(((generated as PromiseRejectedResult).reason as DomainError).code).toBe('not_found');
    expect(await rowsOf(t.id)).toMatchObject({ enrollments: 0, sessions: 0, tournaments: 0 });
    expect(await orphans()).toEqual({ enrollments: 0, sessions: 0, schedule: 0, results: 0, rankings: 0 });
  });
});
