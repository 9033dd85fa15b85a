/**
 * The case loop the domain benches share: median plan / simulate / rank times and heap use per
 * format and field size, printed as one table. With NODE_OPTIONS=--expose-gc the heap figures
 * start from a collected heap.
 */
import type { Entrant, Session, TournamentFormat } from '../src/domain/formats/format.ts';
import { simulate } from '../src/domain/simulation.ts';

export interface Case {
  label: string;
  format: TournamentFormat<any>;
  players: number;
  settings: Record<string, unknown>;
  runs: number;
}

const collect = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number): string => (bytes / 1_048_576).toFixed(0);

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function entrantsOf(n: number): Entrant[] {
  return Array.from({ length: n }, (_, i) => ({ playerId: 1_000_000 + i, seed: i + 1 }));
}

/** Runs each case `runs * scale` times (at least once) after warming the JIT, and prints the table. */
export function runFormatCases(cases: readonly Case[], scale: number): void {
  for (const c of cases) {
    const entrants = entrantsOf(64);
    const settings = c.format.validate(64, c.label.startsWith('swiss') ? {} : c.settings);
    for (let i = 0; i < 3; i++) c.format.rank(simulate(c.format, settings, c.format.plan(entrants, settings), entrants, i).sessions, entrants, settings);
  }
  console.log('format               players  runs   plan ms  simulate ms   rank ms   sessions  heap MB (plan / played)');
  for (const c of cases) {
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
}
