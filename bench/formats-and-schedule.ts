/**
 * The pure domain of double elimination, individual events and the schedule at the sizes the
 * issue names: median plan / simulate / rank times and heap use, and the planner at a million
 * sessions (a first plan, then a re-plan from the middle of the day with half of them played).
 * Run: npx tsx bench/formats-and-schedule.ts [runs-scale]   (no I/O; figures only)
 * With NODE_OPTIONS=--expose-gc the heap figures start from a collected heap.
 */
import { doubleElimination } from '../src/domain/formats/double-elimination.ts';
import { individual } from '../src/domain/formats/individual.ts';
import { knockout } from '../src/domain/formats/knockout.ts';
import { planSchedule } from '../src/domain/schedule.ts';
import { entrantsOf, median, runFormatCases, type Case } from './format-cases.ts';

const CASES: Case[] = [
  { label: 'double_elimination', format: doubleElimination, players: 1024, settings: {}, runs: 7 },
  { label: 'double_elimination', format: doubleElimination, players: 131_072, settings: {}, runs: 3 },
  { label: 'individual, 3 att.', format: individual, players: 1_048_576, settings: { attempts: 3 }, runs: 3 },
];
const scale = Number(process.argv[2] ?? 1);

runFormatCases(CASES, scale);

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
