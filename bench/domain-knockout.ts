/**
 * Median plan / simulate / rank times of the pure knockout domain at three sizes.
 * Run: npx tsx bench/domain-knockout.ts [runs-scale]   (no I/O; figures only)
 */
import { knockout } from '../src/domain/formats/knockout.ts';
import type { Entrant } from '../src/domain/formats/format.ts';
import { simulate } from '../src/domain/simulation.ts';

const SIZES: [players: number, runs: number][] = [
  [1024, 51],
  [131_072, 7],
  [1_048_576, 3],
];
const scale = Number(process.argv[2] ?? 1);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function entrantsOf(n: number): Entrant[] {
  return Array.from({ length: n }, (_, i) => ({ playerId: 1_000_000 + i, seed: i + 1 }));
}

// Warm the JIT on a mid-size bracket so the first measured run is not the compiler's.
{
  const entrants = entrantsOf(4096);
  const settings = knockout.validate(entrants.length, {});
  for (let i = 0; i < 5; i++) knockout.rank(simulate(knockout, settings, knockout.plan(entrants, settings), entrants, i).sessions, entrants, settings);
}

console.log('players    runs   plan ms   simulate ms   rank ms   sessions');
for (const [players, baseRuns] of SIZES) {
  const runs = Math.max(1, Math.round(baseRuns * scale));
  const entrants = entrantsOf(players);
  const settings = knockout.validate(players, {});
  const plan: number[] = [];
  const sim: number[] = [];
  const rank: number[] = [];
  let sessionCount = 0;
  for (let run = 0; run < runs; run++) {
    let t = performance.now();
    const sessions = knockout.plan(entrants, settings);
    plan.push(performance.now() - t);
    t = performance.now();
    simulate(knockout, settings, sessions, entrants, run);
    sim.push(performance.now() - t);
    t = performance.now();
    const rows = knockout.rank(sessions, entrants, settings);
    rank.push(performance.now() - t);
    sessionCount = sessions.length;
    if (rows.length !== players) throw new Error(`expected ${players} ranking rows, got ${rows.length}`);
  }
  console.log(
    `${String(players).padStart(9)} ${String(runs).padStart(6)} ${median(plan).toFixed(2).padStart(9)} ${median(sim)
      .toFixed(2)
      .padStart(13)} ${median(rank).toFixed(2).padStart(9)} ${String(sessionCount).padStart(10)}`,
  );
}
