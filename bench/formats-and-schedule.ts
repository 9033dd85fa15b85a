/**
 * The pure domain of double elimination, individual events and the schedule at the sizes the
 * issue names: median plan / simulate / rank times and heap use, and the planner at a million
 * sessions (a first plan, then a re-plan from the middle of the day with half of them played).
 * Run: npx tsx bench/formats-and-schedule.ts [runs-scale]   (no I/O; figures only)
 * With NODE_OPTIONS=--expose-gc the heap figures start from a collected heap.
 */
import { doubleElimination } from '../src/domain/formats/double-elimination.ts';
import type { Entrant, Session, TournamentFormat } from '../src/domain/formats/format.ts';
import { individual } from '../src/domain/formats/individual.ts';
import { knockout } from '../src/domain/formats/knockout.ts';
import { planSchedule } from '../src/domain/schedule.ts';
import { simulate } from '../src/domain/simulation.ts';

interface Case {
  label: string;
  format: TournamentFormat<any>;
  players: number;
  settings: Record<string, unknown>;
  runs: number;
}

const CASES: Case[] = [
  { label: 'double_elimination', format: doubleElimination, players: 1024, settings: {}, runs: 7 },
  { label: 'double_elimination', format: doubleElimination, players: 131_072, settings: {}, runs: 3 },
  { label: 'individual, 3 att.', format: individual, players: 1_048_576, settings: { attempts: 3 }, runs: 3 },
];
const scale = Number(process.argv[2] ?? 1);
const collect = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number): string => (bytes / 1_048_576).toFixed(0);
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const entrantsOf = (n: number): Entrant[] => Array.from({ length: n }, (_, i) => ({ playerId: 1_000_000 + i, seed: i + 1 }));

// Warm the JIT on small fields so the first measured run is not the compiler's.
for (const c of CASES) {
  const entrants = entrantsOf(64);
  const settings = c.format.validate(64, c.settings);
  for (let i = 0; i < 3; i++) c.format.rank(simulate(c.format, settings, c.format.plan(entrants, settings), entrants, i).sessions, entrants, settings);
}

console.log('format               players  runs   plan ms  simulate ms   rank ms   sessions  heap MB (plan / played)');
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
    `${c.label.padEnd(19)} ${String(c.players).padStart(9)} ${String(runs).padStart(5)} ${median(plan).toFixed(1).padStart(9)} ${median(sim)
      .toFixed(1)
      .padStart(12)} ${median(rank).toFixed(1).padStart(9)} ${String(sessionCount).padStart(10)}  ${mb(median(heapPlan))} / ${mb(median(heapPlayed))}`,
  );
}

// The schedule of a million sessions: a knockout of 1,048,576 players (with its playoff) on 256
// stations, 20-minute sessions and a 5-minute break, then planned again with the first half played.
{
  const players = 1_048_576;
  const entrants = entrantsOf(players);
  const settings = knockout.validate(players, {});
  const sessions = knockout.plan(entrants, settings);
  const base = { startsAt: 0, now: 0, stationCount: 256, sessionMs: 20 * 60_000, breakMs: 5 * 60_000, roundsWait: true };
  const first: number[] = [];
  const again: number[] = [];
  const runs = Math.max(1, Math.round(3 * scale));
  let last = 0;
  for (let run = 0; run < runs; run++) {
    let t = performance.now();
    const plan = planSchedule(sessions, base);
    first.push(performance.now() - t);
    last = plan.start.reduce((a, b) => Math.max(a, b), 0);
    // Half the first round played, the day half gone: the rest planned again from then.
    const played = sessions.map((s) => ({ ...s, participants: [...s.participants] as [number | null, number | null] }));
    for (let k = 0; k < played.length / 4; k++) {
      const s = played[k];
      s.resultSubmitted = true;
      s.winnerId = s.participants[0];
      s.score = [1, 0];
      s.outcome = 'played';
    }
    t = performance.now();
    planSchedule(played, { ...base, now: last / 2, currentStart: plan.start, currentStation: plan.station });
    again.push(performance.now() - t);
  }
  console.log(
    `schedule: ${sessions.length.toLocaleString('en')} sessions on 256 stations: first plan median ${median(first).toFixed(0)} ms, re-plan with a quarter played ${median(again).toFixed(0)} ms (${runs} runs); the last session starts after ${(last / 3_600_000).toFixed(0)} h`,
  );
}
