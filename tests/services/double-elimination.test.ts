/**
 * A double elimination's grand final on the real database (both backends): the reset comes with
 * the losers-bracket champion's win and goes when a correction takes that win away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.ts';
import { calculateRankings } from '../../src/services/calculate-rankings.ts';
import { correctResult } from '../../src/services/correct-result.ts';
import { launchScenario } from '../../src/services/launch-scenario.ts';
import type { SessionRecord } from '../../src/services/ports.ts';
import { submitResult } from '../../src/services/submit-result.ts';
import { startApi, type ApiHarness } from '../support/api-app.ts';

let api: ApiHarness;
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

const finals = async (id: number): Promise<SessionRecord[]> => (await api.ctx.store.sessions.list(id, { phase: 'GRAND_FINAL' })).items;
const side = (s: SessionRecord, slot: number) => s.participants.find((p) => p.slot === slot)!;

describe('the grand final reset under corrections', () => {
  it('adds the reset on the losers-bracket win, removes it (with cascade once played) when corrected away, and adds it again', async () => {
    const launched = await launchScenario(api.ctx, { playerCount: 4, format: 'double_elimination', simulate: false });
    const id = launched.tournamentId;
    // The better seed wins every bracket match, then the grand final goes to the losers-bracket champion.
    for (;;) {
      const ready = (await api.ctx.store.sessions.list(id, {})).items.find((s) => !s.resultSubmitted && s.participants.length === 2);
      if (!ready || ready.phase === 'GRAND_FINAL') break;
      const [a, b] = [side(ready, 0), side(ready, 1)];
      const winner = a.seed! < b.seed! ? a : b;
      await submitResult(api.ctx.store, id, ready.id, { winnerId: winner.id, score: winner === a ? [2, 0] : [0, 2] });
    }
    const [first] = await finals(id);
    expect([side(first, 0).seed, side(first, 1).seed]).toEqual([1, 2]);
    expect((await submitResult(api.ctx.store, id, first.id, { winnerId: side(first, 1).id, score: [1, 2] })).addedCount).toBe(1);
    let [, reset] = await finals(id);
    expect([reset.round, side(reset, 0).seed, side(reset, 1).seed]).toEqual([2, 1, 2]);
    await submitResult(api.ctx.store, id, reset.id, { winnerId: side(reset, 0).id, score: [3, 1] });

    // The first final really went to the winners-bracket champion: the played reset stands on it.
    const blocked = await refusal(correctResult(api.ctx.store, id, first.id, { winnerId: side(first, 0).id, score: [2, 1] }));
    expect(blocked.code).toBe('later_results_exist');
    expect(blocked.details).toMatchObject({ session_ids: [reset.id], sessions: [{ phase: 'GRAND_FINAL', round: 2 }] });
    expect(await finals(id)).toHaveLength(2);
    const cascaded = await correctResult(api.ctx.store, id, first.id, { winnerId: side(first, 0).id, score: [2, 1] }, { cascade: true });
    expect(cascaded.clearedSessionIds).toEqual([reset.id]);
    expect((await finals(id)).map((s) => [s.round, s.winnerId])).toEqual([[1, side(first, 0).id]]);

    // And back: the losers-bracket champion won after all, so the reset is due again, unplayed.
    await correctResult(api.ctx.store, id, first.id, { winnerId: side(first, 1).id, score: [0, 2] });
    [, reset] = await finals(id);
    expect([reset.round, reset.resultSubmitted, side(reset, 0).seed, side(reset, 1).seed]).toEqual([2, false, 1, 2]);
    // A new score with the same winner leaves it alone.
    await correctResult(api.ctx.store, id, first.id, { winnerId: side(first, 1).id, score: [1, 3] });
    expect((await finals(id)).map((s) => s.id)).toEqual([first.id, reset.id]);
  });
});

describe('a double forfeit in a double elimination', () => {
  it('takes both players out at once; whoever already waits for them wins by walkover, up to the grand final, with no reset', async () => {
    const launched = await launchScenario(api.ctx, { playerCount: 4, format: 'double_elimination', simulate: false });
    const id = launched.tournamentId;
    const all = async () => (await api.ctx.store.sessions.list(id, {})).items;
    const play = async (phase: string, round: number, winnerSeed: number | null) => {
      const s = (await all()).find((x) => x.phase === phase && x.round === round && !x.resultSubmitted)!;
      const winner = s.participants.find((p) => p.seed === winnerSeed) ?? null;
      await submitResult(api.ctx.store, id, s.id, winner === null
        ? { winnerId: null, score: null, outcome: 'walkover' }
        : { winnerId: winner.id, score: winner.slot === 0 ? [2, 0] : [0, 2] });
    };
    await play('WINNERS', 1, 1);
    await play('WINNERS', 1, 2);
    await play('LOSERS', 1, 3);
    // Seed 3 waits in the losers final; the winners final is a double forfeit.
    await play('WINNERS', 2, null);
    const after = await all();
    expect(after.map((s) => [s.phase, s.round, s.participants.map((p) => p.seed), s.winnerId === null ? null : s.participants.find((p) => p.id === s.winnerId)!.seed, s.outcome])).toEqual([
      ['WINNERS', 1, [1, 4], 1, 'played'],
      ['WINNERS', 1, [2, 3], 2, 'played'],
      ['WINNERS', 2, [1, 2], null, 'walkover'],
      ['LOSERS', 1, [4, 3], 3, 'played'],
      ['LOSERS', 2, [3], 3, 'walkover'],
      ['GRAND_FINAL', 1, [3], 3, 'walkover'],
    ]);
    const ranked = await calculateRankings(api.ctx.store, id);
    expect(ranked.rankingsCount).toBe(4);
    const rows = (await api.ctx.store.rankings.list(id, { limit: 10, offset: 0 })).items;
    expect(rows.map((r) => [r.seed, r.rank])).toEqual([[3, 1], [1, 3], [2, 3], [4, 4]]);
  });
});
