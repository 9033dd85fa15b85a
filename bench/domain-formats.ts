/**
 * Median plan / simulate / rank times and heap use of the pure league, swiss and group_knockout
 * domain, plus the cost of pairing each Swiss round at the format's cap (256 players; npm run
 * bench:swiss has the per-size figures).
 * Run: npx tsx bench/domain-formats.ts [runs-scale]   (no I/O; figures only)
 * With NODE_OPTIONS=--expose-gc the heap figures start from a collected heap.
 */
import { groupKnockout } from '../src/domain/formats/group-knockout.ts';
import { league } from '../src/domain/formats/league.ts';
import { swiss } from '../src/domain/formats/swiss.ts';
import { entrantsOf, median, runFormatCases, type Case } from './format-cases.ts';

const CASES: Case[] = [
  { label: 'league', format: league, players: 1024, settings: {}, runs: 5 },
  { label: 'swiss, 8 rounds', format: swiss, players: 256, settings: { rounds: 8 }, runs: 3 },
  { label: 'group_knockout', format: groupKnockout, players: 4096, settings: {}, runs: 5 },
];
const scale = Number(process.argv[2] ?? 1);

runFormatCases(CASES, scale);

// One Swiss round at the largest field: the time nextSessions takes to pair each round.
{
  const players = swiss.maxPlayers;
  const entrants = entrantsOf(players);
  const settings = swiss.validate(players, {});
  const sessions = swiss.plan(entrants, settings);
  const pairing: number[] = [];
  let round = 1;
  for (;;) {
    for (const s of sessions) {
      if (s.resultSubmitted) continue;
      // The higher seed wins, but every fifth board is drawn: score groups stay large and uneven.
      const [a, b] = s.participants as [number, number];
      s.resultSubmitted = true;
      if (s.matchNumber % 5 === 0) {
        s.winnerId = null;
        s.score = [1, 1];
      } else {
        s.winnerId = a < b ? a : b;
        s.score = a < b ? [1, 0] : [0, 1];
      }
    }
    const t = performance.now();
    const more = swiss.nextSessions(sessions, entrants, settings);
    if (more.length === 0) break;
    pairing.push(performance.now() - t);
    sessions.push(...more);
    round++;
  }
  console.log(
    `swiss pairing: ${players} players, ${round} rounds, median ${median(pairing).toFixed(1)} ms per round (slowest ${Math.max(...pairing).toFixed(1)} ms), standings rebuilt from all sessions each time`,
  );
}
