/**
 * Regenerates the golden Swiss fixtures (tests/fixtures/swiss/) from bbpPairings, a
 * FIDE-endorsed Dutch engine, given the path of its binary:
 *
 *   npx tsx scripts/swiss-fixtures.ts <bbpPairings binary> [--only <event id>...]
 *
 * Each event is a seeded random tournament played round by round: before round k we write
 * the history as TRF (rounds 1..k-1, the players known to be absent in round k in a last
 * column, XXR = total rounds, XXC = initial colour; exactly trfBeforeRound(final, k)), ask
 * `bbpPairings --dutch <trf> -p <out>` for the pairing, record it, then draw results for it
 * (wins by rating, draws, forfeits, double forfeits), and go on. Byes the player asks for
 * (H, F), absences (Z) and withdrawals (Z for every round left) are drawn before a round is
 * paired; the pairing-allocated bye (U) is bbpPairings'. One JSON file per event holds the
 * final TRF and every round's expected pairing (.json.gz for the 1,000+ player events).
 *
 * bbpPairings' checker mode on events paired by our engine is scripts/swiss-check.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Prng } from '../src/domain/prng.ts';
import { parseTrf, trfBeforeRound, writeTrf, type TrfDocument, type TrfRound } from '../src/domain/trf.ts';

export interface EventSpec {
  id: string;
  players: number;
  rounds: number;
  seed: number;
  /** Per game: chance of a draw, of a forfeit (one side), of a double forfeit. */
  draw: number;
  forfeit: number;
  doubleForfeit: number;
  /** Per player and round, before pairing: chance of a half-point bye, a full-point bye, an absence, a withdrawal. */
  halfBye: number;
  fullBye: number;
  absent: number;
  withdraw: number;
}

const SMALL_SIZES = [
  5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20, 21, 23, 24, 25, 27, 29, 31, 32, 33, 37, 40, 41, 48, 50, 55, 63, 64,
  65, 77, 80, 99, 100, 101, 127, 128, 150, 151, 175, 199, 200,
];

/** The events, fixed: the same list and seeds give the same fixtures. */
export function eventSpecs(): EventSpec[] {
  const specs: EventSpec[] = [];
  SMALL_SIZES.forEach((n, i) => {
    const prng = new Prng(1000 + i);
    // Small fields run long (little room left late); larger ones 7-11 rounds.
    const rounds = n <= 8 ? n - 1 : n <= 16 ? Math.min(n - 3, 9) : 7 + prng.int(0, 4);
    const quiet = i % 5 === 0; // some events with no byes nor forfeits at all
    specs.push({
      id: `e${String(i + 1).padStart(2, '0')}-n${n}-r${rounds}`,
      players: n,
      rounds,
      seed: 7919 * (i + 1),
      draw: [0, 0.15, 0.3, 0.45][i % 4],
      forfeit: quiet ? 0 : 0.04,
      doubleForfeit: quiet ? 0 : 0.01,
      halfBye: quiet ? 0 : 0.03,
      fullBye: quiet ? 0 : 0.005,
      absent: quiet ? 0 : 0.02,
      withdraw: quiet ? 0 : 0.01,
    });
  });
  // bbpPairings needs minutes of CPU per round at this size, so these run 5 rounds.
  for (const [i, n] of [1000, 1025, 1200].entries()) {
    specs.push({
      id: `big${i + 1}-n${n}-r5`,
      players: n,
      rounds: 5,
      seed: 104729 * (i + 1),
      draw: 0.3,
      forfeit: 0.02,
      doubleForfeit: 0.005,
      halfBye: 0.02,
      fullBye: 0.002,
      absent: 0.01,
      withdraw: 0.005,
    });
  }
  return specs;
}

export interface RoundPairing {
  round: number;
  /** [white, black] start ranks, in bbpPairings' board order. */
  pairs: [number, number][];
  /** Start rank of the player given the pairing-allocated bye, or null. */
  bye: number | null;
}

export interface FixtureFile {
  event: string;
  players: number;
  rounds: number;
  seed: number;
  /** The final TRF: the history of round k is trfBeforeRound(parseTrf(trf), k). */
  trf: string;
  pairings: RoundPairing[];
}

const BLANK: TrfRound = { opponent: null, colour: ' ', result: ' ' };

/** A fresh event: ratings drawn and sorted (start rank 1 the strongest), no rounds. */
export function newEvent(spec: EventSpec, prng: Prng): TrfDocument {
  const ratings = Array.from({ length: spec.players }, () => prng.int(1000, 2700)).sort((a, b) => b - a);
  return {
    headers: [
      { code: '012', value: `Golden ${spec.id}` },
      { code: '092', value: 'Individual: Swiss-System (FIDE Dutch)' },
    ],
    players: ratings.map((rating, i) => ({
      startRank: i + 1,
      sex: '',
      title: '',
      name: `Player ${String(i + 1).padStart(4, '0')}`,
      rating,
      federation: '',
      fideId: '',
      birthDate: '',
      points: 0,
      rank: null,
      rounds: [],
    })),
    totalRounds: spec.rounds,
    initialColour: prng.int(0, 1) === 0 ? 'white1' : 'black1',
    otherLines: [],
  };
}

/** Marks the players who will not be paired in round `round` (1-based) before it is paired. */
export function drawAbsences(doc: TrfDocument, spec: EventSpec, round: number, prng: Prng, withdrawn: Set<number>): void {
  for (const p of doc.players) {
    while (p.rounds.length < round - 1) p.rounds.push({ ...BLANK });
    if (withdrawn.has(p.startRank)) {
      p.rounds[round - 1] = { opponent: 0, colour: '-', result: 'Z' };
      continue;
    }
    const x = prng.next();
    let code: 'H' | 'F' | 'Z' | null = null;
    if (x < spec.withdraw && round > 1) {
      withdrawn.add(p.startRank);
      code = 'Z';
    } else if (x < spec.withdraw + spec.halfBye) code = 'H';
    else if (x < spec.withdraw + spec.halfBye + spec.fullBye) code = 'F';
    else if (x < spec.withdraw + spec.halfBye + spec.fullBye + spec.absent) code = 'Z';
    if (code) p.rounds[round - 1] = { opponent: 0, colour: '-', result: code };
  }
}

/** Writes round `round`'s pairing into the document and draws its results. */
export function playRound(doc: TrfDocument, spec: EventSpec, pairing: RoundPairing, prng: Prng): void {
  const byRank = new Map(doc.players.map((p) => [p.startRank, p]));
  const r = pairing.round - 1;
  for (const [w, b] of pairing.pairs) {
    const white = byRank.get(w)!;
    const black = byRank.get(b)!;
    let rw: TrfRound['result'];
    let rb: TrfRound['result'];
    const x = prng.next();
    if (x < spec.doubleForfeit) [rw, rb] = ['-', '-'];
    else if (x < spec.doubleForfeit + spec.forfeit) [rw, rb] = prng.int(0, 1) ? ['+', '-'] : ['-', '+'];
    else {
      const expected = 1 / (1 + 10 ** (((black.rating ?? 0) - (white.rating ?? 0)) / 400));
      const y = prng.next();
      if (y < spec.draw) [rw, rb] = ['=', '='];
      else if (prng.next() < expected) [rw, rb] = ['1', '0'];
      else [rw, rb] = ['0', '1'];
    }
    white.rounds[r] = { opponent: b, colour: 'w', result: rw };
    black.rounds[r] = { opponent: w, colour: 'b', result: rb };
  }
  if (pairing.bye !== null) byRank.get(pairing.bye)!.rounds[r] = { opponent: 0, colour: '-', result: 'U' };
  for (const p of doc.players) {
    while (p.rounds.length <= r) p.rounds.push({ ...BLANK });
    p.points = p.rounds.reduce((s, e) => s + points(e.result), 0);
  }
}

function points(result: TrfRound['result']): number {
  return '1+WFU'.includes(result) ? 1 : '=DH'.includes(result) ? 0.5 : 0;
}

/** Parses bbpPairings' -p output: the number of pairs, then "white black" lines, "p 0" for the bye. */
export function parsePairingOutput(text: string, round: number): RoundPairing {
  const lines = text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '');
  const count = Number(lines[0]);
  const rows = lines.slice(1).map((l) => l.trim().split(/\s+/).map(Number) as [number, number]);
  if (rows.length !== count) throw new Error(`bbpPairings said ${count} pairs and listed ${rows.length}`);
  const pairs = rows.filter(([, b]) => b !== 0);
  const byes = rows.filter(([, b]) => b === 0).map(([a]) => a);
  if (byes.length > 1) throw new Error('more than one bye');
  return { round, pairs, bye: byes[0] ?? null };
}

/** Runs bbpPairings on a history file; null when it finds no valid pairing (exit code 1). */
export function bbpPair(binary: string, trfPath: string, outPath: string, round: number): RoundPairing | null {
  const run = spawnSync(binary, ['--dutch', trfPath, '-p', outPath], { encoding: 'utf8' });
  if (run.status === 1) return null;
  if (run.status !== 0) throw new Error(`bbpPairings failed (${run.status}) on ${trfPath}: ${run.stderr}`);
  return parsePairingOutput(readFileSync(outPath, 'utf8'), round);
}

/** Plays one event through bbpPairings; null when some round had no valid pairing. */
export function runEvent(binary: string, spec: EventSpec, work: string): FixtureFile | null {
  const prng = new Prng(spec.seed);
  const doc = newEvent(spec, prng);
  const withdrawn = new Set<number>();
  const pairings: RoundPairing[] = [];
  const histories: string[] = [];
  for (let k = 1; k <= spec.rounds; k++) {
    drawAbsences(doc, spec, k, prng, withdrawn);
    const history = writeTrf(trfBeforeRound(doc, k));
    const path = join(work, `${spec.id}-r${k}.trf`);
    writeFileSync(path, history);
    const pairing = bbpPair(binary, path, join(work, `${spec.id}-r${k}.out`), k);
    if (!pairing) return null;
    histories.push(history);
    pairings.push(pairing);
    playRound(doc, spec, pairing, prng);
  }
  const trf = writeTrf(doc);
  // The fixture's history of round k is exactly the file bbpPairings was given.
  const final = parseTrf(trf);
  histories.forEach((h, i) => {
    if (writeTrf(trfBeforeRound(final, i + 1)) !== h) throw new Error(`${spec.id}: history of round ${i + 1} does not rebuild`);
  });
  return { event: spec.id, players: spec.players, rounds: spec.rounds, seed: spec.seed, trf, pairings };
}

export function bbpVersion(binary: string): string {
  const run = spawnSync(binary, [], { encoding: 'utf8' });
  return (run.stdout + run.stderr).split('\n')[0].trim();
}

function generate(binary: string, only: string[]): void {
  const outDir = resolve('tests/fixtures/swiss');
  mkdirSync(outDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'swiss-fixtures-'));
  let rounds = 0;
  let events = 0;
  try {
    for (const base of eventSpecs()) {
      if (only.length && !only.includes(base.id)) continue;
      let file: FixtureFile | null = null;
      let spec = base;
      // A random event can leave no valid pairing late; then the next seed is tried.
      for (let attempt = 0; !file && attempt < 20; attempt++) {
        spec = { ...base, seed: base.seed + attempt };
        const started = Date.now();
        file = runEvent(binary, spec, work);
        process.stdout.write(
          `${spec.id} seed ${spec.seed}: ${file ? `${file.pairings.length} rounds` : 'no valid pairing, next seed'} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
        );
      }
      if (!file) throw new Error(`${base.id}: no seed in 20 gave a complete event`);
      const json = JSON.stringify(file);
      if (spec.players >= 1000) writeFileSync(join(outDir, `${spec.id}.json.gz`), gzipSync(json, { level: 9 }));
      else writeFileSync(join(outDir, `${spec.id}.json`), json + '\n');
      rounds += file.pairings.length;
      events++;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`${events} events, ${rounds} rounds written to ${outDir} by ${bbpVersion(binary)}`);
}

function main(argv: string[]): void {
  const binary = argv[0];
  if (!binary || !existsSync(binary)) throw new Error('usage: swiss-fixtures.ts <bbpPairings binary> [--only <event id>...]');
  const only = argv[1] === '--only' ? argv.slice(2) : [];
  generate(binary, only);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('swiss-fixtures.ts')) {
  main(process.argv.slice(2));
}
