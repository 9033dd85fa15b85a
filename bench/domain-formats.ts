/**
 * Median plan / simulate / rank times and heap use of the pure league, swiss and group_knockout
 * domain, plus the cost of pairing one Swiss round of 16,384 players.
 * Run: npx tsx bench/domain-formats.ts [runs-scale]   (no I/O; figures only)
 * With NODE_OPTIONS=--expose-gc the heap figures start from a collected heap.
 */
import type { Entrant, Session, TournamentFormat } from '../src/domain/formats/format.ts';
import { groupKnockout } from '../src/domain/formats/group-knockout.ts';
import { league } from '../src/domain/formats/league.ts';
import { swiss } from '../src/domain/formats/swiss.ts';
import { simulate } from '../src/domain/simulation.ts';

interface Case {
  label: string;
  format: TournamentFormat;
  players: number;
  settings: Record<string, unknown>;
  runs: number;
}

const CASES: Case[] = [
  { label: 'league', format: league, players: 1024, settings: {}, runs: 5 },
  { label: 'swiss, 12 rounds', format: swiss, players: 4096, settings: { rounds: 12 }, runs: 5 },
  { label: 'group_knockout', format: groupKnockout, players: 4096, settings: {}, runs: 5 },
];
const scale = Number(process.argv[2] ?? 1);
const collect = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number): string => (bytes / 1_048_576).toFixed(0);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function entrantsOf(n: number): Entrant[] {
  return Array.from({ length: n }, (_, i) => ({ playerId: 1_000_000 + i, seed: i + 1 }));
}

// Warm the JIT on small fields so the first measured run is not the compiler's.
for (const c of CASES) {
  const entrants = entrantsOf(64);
  const settings = c.format.validate(64, c.label.startsWith('swiss') ? {} : c.settings);
  for (let i = 0; i < 3; i++) c.format.rank(simulate(c.format, settings, c.format.plan(entrants, settings), entrants, i).sessions, entrants, settings);
}

console.log('format             players  runs   plan ms  simulate ms   rank ms   sessions  heap MB (plan / played)');
for (const c of CASES) {
  const runs = Math.max(1, Math.round(c.runs * scale));
  const entrants = entrantsOf(c.players);
  const settings = c.format.validate(c.players, c.settings);
  const plan: number[] = [];
  const sim: number[] = [];
  const rank: number[] = [];
  const heapPlan: number[] = [];
  const heapPlayed: number[] = [];
  let sessionCount = 0;
  for (let run = 0; run < runs; run++) {
    collect?.();
    const base = process.memoryUsage().heapUsed;
    let t = performance.now();
    const sessions: Session[] = c.format.plan(entrants, settings);
    plan.push(performance.now() - t);
    heapPlan.push(process.memoryUsage().heapUsed - base);
    t = performance.now();
    simulate(c.format, settings, sessions, entrants, run + 1);
    sim.push(performance.now() - t);
    t = performance.now();
    const rows = c.format.rank(sessions, entrants, settings);
    rank.push(performance.now() - t);
    heapPlayed.push(process.memoryUsage().heapUsed - base);
    sessionCount = sessions.length;
    if (rows.length !== c.players) throw new Error(`expected ${c.players} ranking rows, got ${rows.length}`);
  }
  console.log(
    `${c.label.padEnd(17)} ${String(c.players).padStart(8)} ${String(runs).padStart(5)} ${median(plan).toFixed(1).padStart(9)} ${median(sim)
      .toFixed(1)
      .padStart(12)} ${median(rank).toFixed(1).padStart(9)} ${String(sessionCount).padStart(10)}  ${mb(median(heapPlan))} / ${mb(median(heapPlayed))}`,
  );
}

// One Swiss round at the largest field: the time nextSessions takes to pair each round.
{
  const players = 16_384;
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
