/**
 * A real event's use-cases on the real database (both backends): participants and seeding,
 * results with outcomes, corrections with and without cascade, withdrawals, the audit log,
 * sharing and the guard on simulation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.ts';
import { addParticipants, readParticipantCsv, readParticipantList } from '../../src/services/add-participants.ts';
import { correctResult } from '../../src/services/correct-result.ts';
import { createTournament } from '../../src/services/create-tournament.ts';
import { deleteDraft, editTournament } from '../../src/services/edit-tournament.ts';
import { resultsCsv, standingsCsv } from '../../src/services/export-tournament.ts';
import { listParticipants, removeParticipant } from '../../src/services/manage-participants.ts';
import { readAudit } from '../../src/services/read-audit.ts';
import { reorderParticipants, seedParticipants } from '../../src/services/seed-participants.ts';
import { findSharedTournament, setSharing } from '../../src/services/share-tournament.ts';
import { simulateResults } from '../../src/services/simulate-results.ts';
import { startTournament } from '../../src/services/start-tournament.ts';
import { submitResult } from '../../src/services/submit-result.ts';
import { withdrawParticipant } from '../../src/services/withdraw-participant.ts';
import type { SessionRecord } from '../../src/services/ports.ts';
import { startApi, type ApiHarness } from '../support/api-app.ts';
import { CountingIds } from '../support/fake-ports.ts';

let api: ApiHarness;
const ids = new CountingIds();
const operator = { id: 2, email: 'operator@test.local' };
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

async function refusal(work: Promise<unknown>): Promise<DomainError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const TWELVE = `Name,Rating,Club,Email
Ann Archer,2210,Hastings,ann@example.com
Ben Brook,2105,Oxford,
Cat Cole,1990,Hastings,
Dan Drake,1875,Cambridge,
Eve Ely,2302,Oxford,
Fay Ford,1650,,
Gus Gray,1720,Cambridge,
Hal Hunt,2050,Hastings,
Ivy Irons,1580,Oxford,
Jon Judd,,Cambridge,
Kim Knox,1810,,
"Lee, Lou",1940,Hastings,
`;

async function sessionsOf(id: number): Promise<SessionRecord[]> {
  return (await api.ctx.store.sessions.list(id, {})).items;
}

describe('participants', () => {
  it('imports a CSV by its header, ignoring other columns, and refuses a bad row by line with nothing imported', async () => {
    const read = readParticipantCsv(TWELVE);
    expect(read.ignoredColumns).toEqual(['email']);
    expect(read.participants[11]).toEqual({ name: 'Lee, Lou', rating: 1940, club: 'Hastings' });
    expect(read.participants[9]).toEqual({ name: 'Jon Judd', rating: null, club: 'Cambridge' });
    const bad = await refusal((async () => readParticipantCsv('name,rating\nAnn,2000\nBen,lots\n'))());
    expect(bad.details).toMatchObject({ field: 'line 3', line: 3, column: 'rating' });
    expect(bad.message).toBe('line 3: rating must be a whole number from 0 to 9999, got "lots"');
    expect((await refusal((async () => readParticipantCsv('rating,club\n1,a\n'))())).details).toMatchObject({ field: 'line 1' });
    expect((await refusal((async () => readParticipantCsv('name\n"open\n'))())).message).toMatch(/^line 2: is not valid CSV/);
  });

  it('reads a pasted list, one a line, with optional rating and club', () => {
    expect(readParticipantList('Ann\n\nBen, 1800\n"Cole, Cat", 1700, Leeds\n')).toEqual([
      { name: 'Ann', rating: null, club: null },
      { name: 'Ben', rating: 1800, club: null },
      { name: 'Cole, Cat', rating: 1700, club: 'Leeds' },
    ]);
    // A rating with a thousands separator ("1,800") is one rating; after a space, a comma starts the club.
    expect(readParticipantList('Eve, 1,800, Leeds\nFay,2,105\nGus, 1, 800\nHal, 950,Oxford\n')).toEqual([
      { name: 'Eve', rating: 1800, club: 'Leeds' },
      { name: 'Fay', rating: 2105, club: null },
      { name: 'Gus', rating: 1, club: '800' },
      { name: 'Hal', rating: 950, club: 'Oxford' },
    ]);
  });

  it('adds, seeds by rating, at random with a recorded seed, by order, reorders and removes before the start', async () => {
    const t = await createTournament(api.ctx.store, { name: 'Club night', format: 'knockout' });
    const list = await addParticipants(api.ctx.store, t.id, readParticipantCsv(TWELVE).participants);
    expect(list.map((p) => p.seed)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect((await api.ctx.store.tournaments.get(t.id))?.status).toBe('ENROLLMENT_OPEN');
    const rated = await seedParticipants({ store: api.ctx.store, ids }, t.id, 'rating');
    expect(rated.participants.slice(0, 3).map((p) => p.name)).toEqual(['Eve Ely', 'Ann Archer', 'Ben Brook']);
    expect(rated.participants.at(-1)?.name).toBe('Jon Judd');
    const random = await seedParticipants({ store: api.ctx.store, ids }, t.id, 'random', 7);
    expect(random.seeding).toEqual({ method: 'random', seed: 7 });
    const again = await seedParticipants({ store: api.ctx.store, ids }, t.id, 'random', 7);
    expect(again.participants.map((p) => p.playerId)).toEqual(random.participants.map((p) => p.playerId));
    const byEntry = await seedParticipants({ store: api.ctx.store, ids }, t.id, 'order');
    expect(byEntry.participants.map((p) => p.name)).toEqual(list.map((p) => p.name));

    const reversed = [...list].reverse().map((p) => p.playerId);
    expect((await reorderParticipants(api.ctx.store, t.id, reversed)).map((p) => p.playerId)).toEqual(reversed);
    const partial = await refusal(reorderParticipants(api.ctx.store, t.id, reversed.slice(1)));
    expect(partial.details).toMatchObject({ field: 'player_ids', missing_player_ids: [reversed[0]] });
    const after = await removeParticipant(api.ctx.store, t.id, reversed[0]);
    expect(after.map((p) => p.seed)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect((await refusal(removeParticipant(api.ctx.store, t.id, reversed[0]))).code).toBe('not_found');

    await editTournament(api.ctx.store, t.id, { name: 'Club night II', settings: { separate_clubs: true } });
    expect(await api.ctx.store.tournaments.get(t.id)).toMatchObject({ name: 'Club night II', settings: { separate_clubs: true } });
    await deleteDraft(api.ctx.store, t.id);
    expect(await api.ctx.store.tournaments.get(t.id)).toBeNull();
  });
});

describe('a knockout of real entrants', () => {
  let id: number;
  let byName: Map<string, number>;

  it('starts with clubs apart in round 1 and refuses to simulate without force', async () => {
    const t = await createTournament(api.ctx.store, { name: 'Open', format: 'knockout', settings: { separate_clubs: true } });
    id = t.id;
    await addParticipants(api.ctx.store, id, readParticipantCsv(TWELVE).participants);
    await seedParticipants({ store: api.ctx.store, ids }, id, 'rating');
    byName = new Map((await listParticipants(api.ctx.store, id)).map((p) => [p.name, p.playerId]));
    await startTournament(api.ctx, id);
    const first = (await sessionsOf(id)).filter((s) => s.round === 1);
    expect(first).toHaveLength(4);
    for (const s of first) expect(s.participants[0].id === s.participants[1].id).toBe(false);
    const clubOf = new Map(readParticipantCsv(TWELVE).participants.map((p) => [byName.get(p.name), p.club]));
    const clashes = first.filter((s) => clubOf.get(s.participants[0].id) !== null && clubOf.get(s.participants[0].id) === clubOf.get(s.participants[1].id));
    expect(clashes).toEqual([]);
    const refused = await refusal(simulateResults(api.ctx.store, id));
    expect(refused.code).toBe('participants_not_synthetic');
  });

  it('enters results, a walkover, corrects simply and with cascade, and withdraws, with an audit trail', async () => {
    let all = await sessionsOf(id);
    const r1 = all.filter((s) => s.round === 1);
    // Round 1: the slot-0 player wins three, the fourth is a walkover for slot 1.
    for (const s of r1.slice(0, 3)) await submitResult(api.ctx.store, id, s.id, { winnerId: s.participants[0].id, score: [2, 0] }, operator);
    const wo = await submitResult(api.ctx.store, id, r1[3].id, { winnerId: r1[3].participants[1].id, score: null, outcome: 'walkover' }, operator);
    expect(wo.session).toMatchObject({ outcome: 'walkover', score: null, winnerId: r1[3].participants[1].id });

    all = await sessionsOf(id);
    const qf = all.filter((s) => s.round === 2);
    expect(qf.every((s) => s.participants.length === 2)).toBe(true);
    // Simple correction: round-1 match 1 really went to slot 1; the quarter-final is unplayed.
    const fixed = await correctResult(api.ctx.store, id, r1[0].id, { winnerId: r1[0].participants[1].id, score: [1, 2] }, { actor: operator });
    expect(fixed.clearedSessionIds).toEqual([]);
    expect(fixed.changedSessionIds).toEqual([r1[0].nextSessionId]);
    const qfAfter = (await sessionsOf(id)).find((s) => s.id === r1[0].nextSessionId)!;
    expect(qfAfter.participants.find((p) => p.slot === r1[0].nextSlot)?.id).toBe(r1[0].participants[1].id);

    // Play the quarter-final fed by round-1 match 2, then correct match 2: 409 naming it, cascade clears it.
    const fed = (await sessionsOf(id)).find((s) => s.id === r1[1].nextSessionId)!;
    await submitResult(api.ctx.store, id, fed.id, { winnerId: fed.participants[0].id, score: [3, 1] }, operator);
    const blocked = await refusal(correctResult(api.ctx.store, id, r1[1].id, { winnerId: r1[1].participants[1].id, score: [0, 2] }, { actor: operator }));
    expect(blocked.code).toBe('later_results_exist');
    expect(blocked.details).toMatchObject({ session_ids: [fed.id], sessions: [{ session_id: fed.id, phase: 'KNOCKOUT', round: 2 }] });
    const cascaded = await correctResult(api.ctx.store, id, r1[1].id, { winnerId: r1[1].participants[1].id, score: [0, 2] }, { actor: operator, cascade: true });
    expect(cascaded.clearedSessionIds).toEqual([fed.id]);
    const fedAfter = (await sessionsOf(id)).find((s) => s.id === fed.id)!;
    expect(fedAfter).toMatchObject({ resultSubmitted: false, winnerId: null, outcome: null });
    expect(fedAfter.participants.find((p) => p.slot === r1[1].nextSlot)?.id).toBe(r1[1].participants[1].id);

    // Withdraw a player waiting in that quarter-final: the opponent gets a walkover at once.
    const quitter = fedAfter.participants[0].id;
    const withdrawal = await withdrawParticipant(api.ctx.store, id, quitter, operator);
    expect(withdrawal.walkoverSessionIds).toEqual([fed.id]);
    expect((await sessionsOf(id)).find((s) => s.id === fed.id)).toMatchObject({ outcome: 'walkover', winnerId: fedAfter.participants[1].id });
    expect((await refusal(withdrawParticipant(api.ctx.store, id, quitter, operator))).code).toBe('already_withdrawn');

    const audit = await readAudit(api.ctx.store, id, { limit: 50 });
    expect(audit.map((a) => a.action)).toEqual(['withdrawal', 'correction', 'result', 'correction', 'result', 'result', 'result', 'result']);
    expect(audit[0]).toMatchObject({ playerId: quitter, actor: operator, after: { withdrawn: true, walkoverSessionIds: [fed.id] } });
    expect(audit[1]).toMatchObject({ sessionId: r1[1].id, before: { winnerId: r1[1].participants[0].id }, after: { winnerId: r1[1].participants[1].id, cascade: true, clearedSessionIds: [fed.id] } });
    expect(audit[0].at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const history = await readAudit(api.ctx.store, id, { sessionId: r1[1].id, limit: 10 });
    expect(history.map((a) => a.action)).toEqual(['correction', 'result']);

    // The rest may be simulated when an admin insists; the bracket then completes.
    const simulated = await simulateResults(api.ctx.store, id, 3, { force: true, actor: { id: 1, email: 'admin@test.local' } });
    expect(simulated.resultsSubmitted).toBe(simulated.sessionsCount);
    const final = (await sessionsOf(id)).filter((s) => s.round === 4 && s.matchNumber === 1)[0];
    expect(final.participants.map((p) => p.id)).not.toContain(quitter);
  });

  it('exports the results and the standings as CSV', async () => {
    const results = (await resultsCsv(api.ctx.store, id)).trim().split('\n');
    expect(results[0]).toBe('phase,group,round,match,player_1,player_2,winner,score_1,score_2,outcome');
    expect(results).toHaveLength(1 + (await sessionsOf(id)).length);
    expect(results.filter((line) => line.endsWith(',walkover')).length).toBeGreaterThanOrEqual(2);
    const standings = (await standingsCsv(api.ctx.store, id)).trim().split('\n');
    expect(standings[0]).toBe('rank,name,club,rating,seed,withdrawn,points,wins,draws,losses,score_for,score_against');
    expect(standings).toHaveLength(13);
    expect(standings[1]).toMatch(/^1,/);
    expect(standings.filter((line) => line.split(',')[5] === 'yes')).toHaveLength(1);
  });

  it('shares the tournament under one unguessable slug, and hides it when sharing is off', async () => {
    const on = await setSharing({ store: api.ctx.store, ids }, id, true);
    expect(on.sharing).toBe(true);
    expect(on.shareSlug).toMatch(/^slug-\d{6}$/);
    expect((await findSharedTournament(api.ctx.store, on.shareSlug!)).id).toBe(id);
    await setSharing({ store: api.ctx.store, ids }, id, false);
    expect((await refusal(findSharedTournament(api.ctx.store, on.shareSlug!))).code).toBe('not_found');
    const back = await setSharing({ store: api.ctx.store, ids }, id, true);
    expect(back.shareSlug).toBe(on.shareSlug);
  });
});

describe('leagues, Swiss and groups', () => {
  async function started(format: string, names: string[], settings: Record<string, unknown> = {}) {
    const t = await createTournament(api.ctx.store, { name: `${format} test`, format, settings });
    const people = await addParticipants(api.ctx.store, t.id, names.map((name) => ({ name, rating: null, club: null })));
    await startTournament(api.ctx, t.id);
    return { id: t.id, players: people.map((p) => p.playerId) };
  }

  it('a league forfeits the rest of a withdrawn player by default, or expunges their games', async () => {
    const forfeit = await started('league', ['A', 'B', 'C', 'D']);
    const games = await sessionsOf(forfeit.id);
    const first = games.find((s) => s.participants.some((p) => p.id === forfeit.players[0]))!;
    await submitResult(api.ctx.store, forfeit.id, first.id, { winnerId: null, score: [1, 1] });
    const out = await withdrawParticipant(api.ctx.store, forfeit.id, forfeit.players[0]);
    expect(out.walkoverSessionIds).toHaveLength(2);
    expect(out.expungedSessionIds).toEqual([]);

    const expunge = await started('league', ['A', 'B', 'C', 'D'], { withdrawal: 'expunge' });
    const gone = await withdrawParticipant(api.ctx.store, expunge.id, expunge.players[1]);
    expect(gone.expungedSessionIds).toHaveLength(3);
    expect(await sessionsOf(expunge.id)).toHaveLength(3);
  });

  it('a double forfeit scores a loss for both, not a draw', async () => {
    const league = await started('league', ['A', 'B']);
    const [game] = await sessionsOf(league.id);
    const out = await submitResult(api.ctx.store, league.id, game.id, { winnerId: null, score: null, outcome: 'walkover' });
    expect(out.session).toMatchObject({ winnerId: null, outcome: 'walkover', resultSubmitted: true });
  });

  it('a Swiss round paired on a result keeps its winner; its score may change', async () => {
    const swiss = await started('swiss', ['A', 'B', 'C', 'D'], { rounds: 2 });
    const round1 = await sessionsOf(swiss.id);
    for (const s of round1) await submitResult(api.ctx.store, swiss.id, s.id, { winnerId: s.participants[0].id, score: [1, 0] });
    expect(await sessionsOf(swiss.id)).toHaveLength(4);
    const refused = await refusal(correctResult(api.ctx.store, swiss.id, round1[0].id, { winnerId: round1[0].participants[1].id, score: [0, 1] }));
    expect([refused.code, refused.details]).toEqual(['round_already_paired', { paired_round: 2, round: 1 }]);
    await correctResult(api.ctx.store, swiss.id, round1[0].id, { winnerId: round1[0].participants[0].id, score: [3, 0] });
    expect((await sessionsOf(swiss.id))[0].score).toEqual([3, 0]);
  });

  it('a group result that changes the qualifiers redraws an unplayed knockout, and needs cascade once it is played', async () => {
    const groups = await started('group_knockout', ['A', 'B', 'C', 'D', 'E', 'F'], { group_size: 3, advance_per_group: 1 });
    for (const s of await sessionsOf(groups.id)) {
      const low = s.participants.reduce((x, y) => ((x.seed ?? 0) < (y.seed ?? 0) ? x : y));
      await submitResult(api.ctx.store, groups.id, s.id, { winnerId: low.id, score: low.slot === 0 ? [2, 0] : [0, 2] });
    }
    const knockout = (await sessionsOf(groups.id)).filter((s) => s.phase === 'KNOCKOUT');
    expect(knockout).toHaveLength(1);
    // Group A (seeds 1, 4, 5): seed 1 beat both. Give both of seed 1's games to the opponents: seed 4 qualifies.
    const groupA = (await sessionsOf(groups.id)).filter((s) => s.group === 'A');
    for (const s of groupA.filter((g) => g.participants.some((p) => p.seed === 1))) {
      const other = s.participants.find((p) => p.seed !== 1)!;
      await correctResult(api.ctx.store, groups.id, s.id, { winnerId: other.id, score: other.slot === 0 ? [2, 0] : [0, 2] });
    }
    const redrawn = (await sessionsOf(groups.id)).filter((s) => s.phase === 'KNOCKOUT');
    expect(redrawn).toHaveLength(1);
    expect(redrawn[0].id).not.toBe(knockout[0].id);
    expect(redrawn[0].participants.map((p) => p.seed).sort()).toEqual([2, 4]);
    await submitResult(api.ctx.store, groups.id, redrawn[0].id, { winnerId: redrawn[0].participants[0].id, score: [1, 0] });
    const back = groupA.find((g) => g.participants.some((p) => p.seed === 1) && g.participants.some((p) => p.seed === 4))!;
    const seedOne = back.participants.find((p) => p.seed === 1)!;
    const blocked = await refusal(correctResult(api.ctx.store, groups.id, back.id, { winnerId: seedOne.id, score: seedOne.slot === 0 ? [2, 0] : [0, 2] }));
    expect(blocked.code).toBe('later_results_exist');
    expect(blocked.details.session_ids).toEqual([redrawn[0].id]);
  });
});
