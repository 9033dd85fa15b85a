/**
 * Swiss pairing cost: the median time to pair one round (swiss.nextSessions, exact FIDE Dutch)
 * over a whole event at each field size, results drawn from a seeded PRNG (the higher rating
 * wins more often, a quarter of the games drawn, so score groups stay uneven).
 *
 * Run: npm run bench:swiss [-- sizes...] (default 64 1024 4096 16384; no I/O, figures only).
 * A size above the format's cap is not paired beyond round 1 (round 1 is one score group and
 * needs no matching); the largest measured sizes and the growth between them give what a
 * round would cost there, printed as an estimate, marked as such.
 */
import { Prng } from '../src/domain/prng.ts';
import type { Entrant, Session } from '../src/domain/formats/format.ts';
import { swiss, swissRounds } from '../src/domain/formats/swiss.ts';
import { pairDutch } from '../src/domain/formats/swiss-dutch/dutch.ts';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const SIZES = sizes.length > 0 ? sizes : [64, 1024, 4096, 16_384];
/** Extra sizes measured under the cap to show how the cost grows. */
const LADDER = [64, 128, 256];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function play(sessions: Session[], prng: Prng): void {
  for (const s of sessions) {
    if (s.resultSubmitted) continue;
    const [a, b] = s.participants as [number, number];
    const x = prng.next();
    s.resultSubmitted = true;
    s.outcome = 'played';
    if (x < 0.25) {
      s.winnerId = null;
      s.score = [1, 1];
    } else {
      // Lower ids are higher seeds; they win two games in three.
      const higherWins = x < 0.25 + 0.75 * (2 / 3);
      const winner = (a < b) === higherWins ? a : b;
      s.winnerId = winner;
      s.score = winner === a ? [1, 0] : [0, 1];
    }
  }
}

interface Figures {
  players: number;
  rounds: number;
  firstRound: number;
  perRound: number[];
  /** CPU time of this process per round (user + system): steadier than wall time on a busy machine. */
  cpuPerRound: number[];
}

function measure(players: number): Figures {
  const entrants: Entrant[] = Array.from({ length: players }, (_, i) => ({ playerId: i + 1, seed: i + 1 }));
  const settings = swiss.validate(players, {});
  const rounds = swissRounds(players, settings);
  const prng = new Prng(players);
  let t = performance.now();
  const sessions = swiss.plan(entrants, settings);
  const firstRound = performance.now() - t;
  const perRound: number[] = [];
  const cpuPerRound: number[] = [];
  for (;;) {
    play(sessions, prng);
    t = performance.now();
    const cpu = process.cpuUsage();
    const more = swiss.nextSessions(sessions, entrants, settings);
    if (more.length === 0) break;
    const used = process.cpuUsage(cpu);
    perRound.push(performance.now() - t);
    cpuPerRound.push((used.user + used.system) / 1000);
    sessions.push(...more);
  }
  return { players, rounds, firstRound, perRound, cpuPerRound };
}

const fmt = (ms: number): string => (ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);

const cap = swiss.maxPlayers;
console.log(`swiss (exact FIDE Dutch): player cap ${cap}; rounds 2.. paired by the weighted matching, round 1 in closed form; load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`);
const measured: Figures[] = [];
for (const players of [...new Set([...LADDER.filter((n) => n <= cap), ...SIZES])].sort((a, b) => a - b)) {
  const within = players <= cap;
  if (!within) {
    // Round 1 only: the format refuses the field, so time the Dutch pairing of round 1 directly.
    const t = performance.now();
    pairDutch({ players: Array.from({ length: players }, () => ({ rounds: [], available: true })), totalRounds: 1, points: { win: 1, draw: 0.5, loss: 0 }, initialColour: 'white' });
    const f = { firstRound: performance.now() - t };
    const [a, b] = measured.slice(-2);
    let estimate = '';
    if (a && b && a.perRound.length && b.perRound.length) {
      const exponent = Math.log(median(b.cpuPerRound) / median(a.cpuPerRound)) / Math.log(b.players / a.players);
      const ms = median(b.cpuPerRound) * (players / b.players) ** exponent;
      estimate = `; later rounds not run (over the cap): about ${fmt(ms)} of CPU a round by the growth from ${a.players} to ${b.players} players (n^${exponent.toFixed(1)}), an estimate`;
    }
    console.log(`${String(players).padStart(6)} players: round 1 ${fmt(f.firstRound)}${estimate}`);
    continue;
  }
  const f = measure(players);
  measured.push(f);
  console.log(
    `${String(players).padStart(6)} players, ${f.rounds} rounds: round 1 ${fmt(f.firstRound)}; rounds 2-${f.rounds} median ${fmt(median(f.perRound))} a round (slowest ${fmt(Math.max(...f.perRound))}), CPU median ${fmt(median(f.cpuPerRound))} (slowest ${fmt(Math.max(...f.cpuPerRound))})`,
  );
}
