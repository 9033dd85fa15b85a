/**
 * The sync path, proven over HTTP against the real server process: under the async threshold
 * run-scenario generates, plays and ranks in the one call (task_id "sync-done"), and the
 * tournament completes.
 */
import { describe, expect, it } from 'vitest';
import { useStack } from '../support/e2e-stack.ts';
import { bracketShape, expectedRankCounts, expectedRoundCounts, linkFacts, podium, rankCounts, resultFacts, roundCounts } from '../support/knockout-bracket.ts';
import type { Ranking, ScenarioReply, Session } from '../support/tourney-client.ts';

describe('sync production readiness (real server, PostgreSQL, Redis)', () => {
  // The sync path never touches the queue: no worker, so nothing could do the work behind its back.
  const stack = useStack({ name: 'sync', workers: 0 });

  for (const players of [64, 127]) {
    describe(`${players} players`, () => {
      const { rounds, byes } = bracketShape(players);
      let launch: ScenarioReply;
      let sessions: Session[];
      let rankings: Ranking[];

      it('run-scenario answers 201 with task_id "sync-done" and everything made in the call', async () => {
        const response = await stack().api.request<ScenarioReply>('POST', '/api/v1/tournaments/ops/run-scenario', { player_count: players, seed: 7 });
        expect(response.status).toBe(201);
        launch = response.body;
        expect(launch).toMatchObject({
          task_id: 'sync-done', mode: 'sync', enrolled_count: players, sessions_count: players, rankings_count: players,
        });
        const status = await stack().api.generationStatus(launch.tournament_id, 'sync-done');
        expect(status).toMatchObject({ task_id: 'sync-done', status: 'done', sessions_count: players, attempts: 0 });
      });

      it(`has the full structure: ${players} sessions in ${rounds} rounds and the playoff, every link in place`, async () => {
        sessions = await stack().api.sessions(launch.tournament_id);
        expect(sessions).toHaveLength(players);
        expect(new Set(sessions.map((s) => s.id)).size).toBe(players);
        expect(roundCounts(sessions)).toEqual(expectedRoundCounts(players));
        expect(sessions.filter((s) => s.tournament_match_number === 999).map((s) => s.tournament_round)).toEqual([rounds]);
        const links = linkFacts(sessions);
        expect(links).toMatchObject({ withoutNext: [], endsWithNext: [], badTargets: [], slotsFedTwice: [], slotsUnfed: [], byeSlots: byes, loserLinksToPlayoff: true });
        expect(links.loserLinks).toEqual([[rounds - 1, 1, 0], [rounds - 1, 2, 1]]);
      });

      it('has every result in: two participants each, the winners moved on', () => {
        expect(resultFacts(sessions)).toEqual({ withoutResult: 0, withoutTwoParticipants: 0, strangeWinners: 0, notMovedOn: [] });
      });

      it('ranks every player once, by the round they went out in', async () => {
        const page = await stack().api.rankings(launch.tournament_id);
        rankings = page.items;
        expect(page.total).toBe(players);
        expect(new Set(rankings.map((r) => r.player_id)).size).toBe(players);
        expect(rankCounts(rankings)).toEqual(expectedRankCounts(players));
        const top = podium(sessions);
        const rankOf = new Map(rankings.map((r) => [r.player_id, r.rank]));
        expect([rankOf.get(top.first), rankOf.get(top.second), rankOf.get(top.third), rankOf.get(top.fourth)]).toEqual([1, 2, 3, 4]);
      });

      it('completes to COMPLETED', async () => {
        const detail = await stack().api.complete(launch.tournament_id);
        expect(detail.status).toBe('COMPLETED');
        expect(detail.counts).toEqual({ enrolled: players, sessions: players, results_submitted: players, rankings: players });
        expect((await stack().api.tournament(launch.tournament_id)).status).toBe('COMPLETED');
      });
    });
  }
});
