/**
 * The COPY paths against the real database (PGlite and PostgreSQL): what the domain planned and
 * played is what the database holds, row for row, at a size where a slip would show.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entrant } from '../../src/domain/formats/format.ts';
import { knockout } from '../../src/domain/formats/knockout.ts';
import type { SessionTable } from '../../src/domain/session-table.ts';
import { simulateTable } from '../../src/domain/simulation.ts';
import { generateSessions } from '../../src/services/generate-sessions.ts';
import { calculateRankings } from '../../src/services/calculate-rankings.ts';
import { simulateResults } from '../../src/services/simulate-results.ts';
import { submitResult } from '../../src/services/submit-result.ts';
import { copyText, fromCopyText } from '../../src/storage/bulk-copy.ts';
import { startApi, type ApiHarness } from '../support/api-app.ts';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

// PGlite runs the same COPY code in one WebAssembly process, about five times slower: the
// million-row paths are proven on PostgreSQL, and on PGlite at the size of a large club event.
const BRACKET = process.env.TEST_BACKEND === 'pglite' ? 16_384 : 131_072;

const COLUMNS = ['phase', 'round', 'matchNumber', 'participant1', 'participant2', 'winner', 'score1', 'score2', 'submitted',
  'next', 'nextSlot', 'loserNext', 'loserNextSlot'] as const;

/** The first row and column where two tables differ, or null. */
function firstDifference(a: SessionTable, b: SessionTable): string | null {
  if (a.length !== b.length) return `lengths ${a.length} and ${b.length}`;
  for (const c of COLUMNS) {
    const x = a[c];
    const y = b[c];
    for (let r = 0; r < a.length; r++) if (x[r] !== y[r]) return `row ${r}, ${c}: ${x[r]} and ${y[r]}`;
  }
  return null;
}

async function knockoutTournament(players: number): Promise<{ id: number; entrants: Entrant[] }> {
  const { store } = api.ctx;
  const tournament = await store.tournaments.create({ name: `copy ${players}`, format: 'knockout', settings: {}, status: 'IN_PROGRESS', synthetic: true });
  await store.transaction((tx) => tx.players.createAndEnrollSynthetic(tournament.id, players));
  return { id: tournament.id, entrants: await store.enrollments.entrants(tournament.id) };
}

describe('sessions written and read by COPY', () => {
  it(`holds a ${BRACKET.toLocaleString('en')}-player bracket exactly as the domain planned it, ids unique and ascending in plan order`, async () => {
    const players = BRACKET;
    const rounds = Math.log2(players);
    const { id, entrants } = await knockoutTournament(players);
    // The plan is made from the player ids alone, read by seed as one column: the entrants' ids.
    const idsBySeed = await api.ctx.store.enrollments.playerIdsBySeed(id);
    expect(idsBySeed.length).toBe(players);
    expect(idsBySeed).toEqual(Float64Array.from(entrants, (e) => e.playerId));
    const outcome = await generateSessions(api.ctx, id);
    expect(outcome).toMatchObject({ sessionsCount: players, createdCount: players });

    const planned = knockout.planTable!(entrants, knockout.validate(players, {}));
    const stored = await api.ctx.store.sessions.loadTable(id);
    expect(firstDifference(stored, planned)).toBeNull();

    // The links as the API shows them: the final and the playoff by id, from the semi-finals.
    const { items: semis } = await api.ctx.store.sessions.list(id, { round: rounds - 1, phase: 'KNOCKOUT', limit: 10 });
    const { items: lastRound } = await api.ctx.store.sessions.list(id, { round: rounds, phase: 'KNOCKOUT', limit: 10 });
    expect(semis.map((s) => s.matchNumber)).toEqual([1, 2]);
    expect(lastRound.map((s) => s.matchNumber)).toEqual([1, 999]);
    expect(semis.map((s) => [s.nextSessionId, s.nextSlot, s.loserNextSessionId, s.loserNextSlot])).toEqual([
      [lastRound[0].id, 0, lastRound[1].id, 0],
      [lastRound[0].id, 1, lastRound[1].id, 1],
    ]);
    // Plan order is id order: the index on ids grows at its end.
    const page = await api.ctx.store.sessions.list(id, { limit: 1000 });
    const ids = page.items.map((s) => s.id);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(1000);

    // Played: the bracket read back (the plan with session_results laid over it) is the domain's
    // simulated table; every result is a row of session_results, and the sessions still hold the plan.
    simulateTable(knockout, planned, entrants, 42);
    expect(await simulateResults(api.ctx.store, id, 42)).toMatchObject({ simulatedCount: players, resultsSubmitted: players });
    expect(firstDifference(await api.ctx.store.sessions.loadTable(id), planned)).toBeNull();
    const [rows] = (await api.database.db.execute(sql`
      select (select count(*)::int from session_results where tournament_id = ${id} and result_submitted) as results,
        (select count(*)::int from sessions where tournament_id = ${id} and (result_submitted or winner_id is not null)) as played_in_sessions`)).rows;
    expect(rows).toEqual({ results: players, played_in_sessions: 0 });
    expect(await api.ctx.store.sessions.counts(id)).toEqual({ sessions: players, resultsSubmitted: players });
    expect(await api.ctx.store.sessions.anyWithoutResult(id)).toBe(false);
    const { items: [final, playoff] } = await api.ctx.store.sessions.list(id, { round: rounds, phase: 'KNOCKOUT', limit: 10 });
    const finalKey = players - 2;
    expect([final.winnerId, final.score, final.resultSubmitted, final.participants.map((p) => p.id)]).toEqual([
      planned.winner[finalKey], [planned.score1[finalKey], planned.score2[finalKey]], true,
      [planned.participant1[finalKey], planned.participant2[finalKey]],
    ]);
    expect(playoff.winnerId).toBe(planned.winner[finalKey + 1]);
  }, 240_000);

  it('plays 8,192 players into the database exactly as the domain plays them, and ranks them alike', async () => {
    const players = 8192;
    const { id, entrants } = await knockoutTournament(players);
    await generateSessions(api.ctx, id);
    const settings = knockout.validate(players, {});
    const expected = knockout.planTable!(entrants, settings);
    simulateTable(knockout, expected, entrants, 42);

    const played = await simulateResults(api.ctx.store, id, 42);
    expect(played).toMatchObject({ simulatedCount: players, resultsSubmitted: players, addedCount: 0 });
    expect(firstDifference(await api.ctx.store.sessions.loadTable(id), expected)).toBeNull();

    expect(await calculateRankings(api.ctx.store, id)).toEqual({ rankingsCount: players });
    const rows = knockout.rankTable!(expected, entrants, settings).toRows();
    const stored = await api.ctx.store.rankings.list(id, { limit: players, offset: 0 });
    expect(stored.total).toBe(players);
    expect(stored.items.map((r) => [r.playerId, r.rank, r.wins, r.losses, r.scoreFor, r.scoreAgainst]))
      .toEqual(rows.map((r) => [r.playerId, r.rank, r.wins, r.losses, r.scoreFor, r.scoreAgainst]));
  }, 120_000);

  it('simulates over results entered by hand: those stay, the others are played, one result row per session', async () => {
    const players = 4096;
    const { id, entrants } = await knockoutTournament(players);
    await generateSessions(api.ctx, id);
    const { items: firsts } = await api.ctx.store.sessions.list(id, { round: 1, limit: 3 });
    for (const [i, s] of firsts.entries()) {
      await submitResult(api.ctx.store, id, s.id, { winnerId: s.participants[1].id, score: [i, 5] });
    }
    // What the simulation starts from (three results, three winners moved on), played by the domain.
    const expected = await api.ctx.store.sessions.loadTable(id);
    expect([expected.winner[0], expected.participant2[players / 2]]).toEqual([firsts[0].participants[1].id, firsts[1].participants[1].id]);
    simulateTable(knockout, expected, entrants, 9);

    expect(await simulateResults(api.ctx.store, id, 9)).toMatchObject({ simulatedCount: players - 3, resultsSubmitted: players });
    expect(firstDifference(await api.ctx.store.sessions.loadTable(id), expected)).toBeNull();
    expect([expected.winner[2], expected.score1[2], expected.score2[2]]).toEqual([firsts[2].participants[1].id, 2, 5]);
    const [rows] = (await api.database.db.execute(sql`
      select count(*)::int as n, count(*) filter (where result_submitted)::int as played from session_results where tournament_id = ${id}`)).rows;
    expect(rows).toEqual({ n: players, played: players });
    // A player's sessions: round one from the plan, the later ones from result rows alone.
    const player = firsts[0].participants[1].id;
    const theirs = Array.from({ length: players }, (_, r) => r).filter((r) => expected.participant1[r] === player || expected.participant2[r] === player);
    expect(theirs.length).toBeGreaterThan(1);
    const { items } = await api.ctx.store.sessions.list(id, { playerId: player, limit: 100 });
    expect(items.map((s) => [s.round, s.matchNumber, s.winnerId])).toEqual(theirs.map((r) => [expected.round[r], expected.matchNumber[r], expected.winner[r]]));
    expect((await api.ctx.store.sessions.list(id, { playerId: firsts[0].participants[0].id, limit: 100 })).items.map((s) => s.round)).toEqual([1]);
  }, 120_000);

  it('keeps each ranking row\'s tie-break values in the order applied, by COPY (2,500 rows) and by INSERT (10)', async () => {
    for (const players of [2_500, 10]) {
      const { id, entrants } = await knockoutTournament(players);
      const rows = entrants.map((e, i) => ({
        playerId: e.playerId, rank: i + 1, points: players - i, wins: 0, draws: 0, losses: 0, scoreFor: 0, scoreAgainst: 0,
        // Keys a jsonb object would reorder (shorter first); the null of a criterion not needed.
        tieBreaks: { points: players - i, buchholz_cut1: i / 2, buchholz: i, direct_encounter: i % 2 === 0 ? null : 1.5, wins: i % 7 },
      }));
      await api.ctx.store.transaction((tx) => tx.rankings.replace(id, rows, entrants));
      const stored = await api.ctx.store.rankings.list(id, { limit: players, offset: 0 });
      expect(stored.items.map((r) => r.tieBreaks)).toEqual(rows.map((r) => r.tieBreaks));
      expect(Object.keys(stored.items[players - 1].tieBreaks)).toEqual(['points', 'buchholz_cut1', 'buchholz', 'direct_encounter', 'wins']);
      expect(stored.items[3].tieBreaks).toEqual({ points: players - 3, buchholz_cut1: 1.5, buchholz: 3, direct_encounter: 1.5, wins: 3 });
    }
  }, 120_000);

  it('refuses a plan written twice: the ordinals collide, and nothing of the second lands', async () => {
    const { id, entrants } = await knockoutTournament(64);
    const plan = knockout.planTable!(entrants, knockout.validate(64, {}));
    await api.ctx.store.transaction((tx) => tx.sessions.insertTable(id, plan));
    await expect(api.ctx.store.transaction((tx) => tx.sessions.insertTable(id, plan))).rejects.toThrow();
    expect((await api.ctx.store.sessions.counts(id)).sessions).toBe(64);
  });
});

describe('COPY text', () => {
  it('escapes and restores backslashes, tabs and line breaks', () => {
    const value = 'a\\b\tc\nd\re';
    expect(copyText(value)).toBe('a\\\\b\\tc\\nd\\re');
    expect(fromCopyText(copyText(value))).toBe(value);
    expect(fromCopyText('\\N')).toBeNull();
  });
});
