/**
 * npm run bench:peer — the same knockout created, played and ranked by tourney and by
 * brackets-manager (the leading open-source bracket engine, on its in-memory brackets-memory-db,
 * no database), in one run, and the ratio of their times.
 *
 * tourney: the services in this process (no HTTP), on PostgreSQL (a fresh database) and on the
 * embedded PGlite (on disk, as `npm start` runs it): run-scenario in one call (players,
 * enrollments, sessions, simulated results, rankings), then complete. brackets-manager: a
 * single-elimination stage with the same seeding (inner_outer, the standard order) and a
 * consolidation final (our third-place playoff), every match updated with the result tourney
 * played for it, then its final standings. Both end with the same champion, and the same players
 * sharing each place (checked), so the two did the same work.
 *
 * Beside wall time each run prints CPU time, which a loaded machine does not inflate: this
 * process's (tourney's services, PGlite's engine, brackets-manager) plus, on PostgreSQL, that of
 * the database's backends (from /proc).
 *
 *   npm run bench:peer [-- --sizes 1024,16384 --runs N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { BracketsManager } from 'brackets-manager';
import { InMemoryDatabase } from 'brackets-memory-db';
import { InProcessQueue } from '../src/jobs/in-process-queue.ts';
import { completeTournament } from '../src/services/complete-tournament.ts';
import type { ServiceContext } from '../src/services/context.ts';
import { launchScenario } from '../src/services/launch-scenario.ts';
import { openDatabase, type Database } from '../src/storage/database.ts';
import type { Store } from '../src/services/ports.ts';
import { randomIds, systemClock } from '../src/services/system-ports.ts';
import { SqlStore } from '../src/storage/store.ts';
import { openEnvironment } from '../tests/support/e2e-environment.ts';
import { freshDatabase } from '../tests/support/fresh-database.ts';
import { duration, machine, median, table, writeReport } from './figures.ts';
import { BackendCpu } from './process-cpu.ts';

const { values: args } = parseArgs({ options: { sizes: { type: 'string' }, runs: { type: 'string' } } });
const SIZES = args.sizes ? args.sizes.split(',').map(Number) : [1024, 16_384];
const runsFor = (players: number) => (args.runs ? Number(args.runs) : players <= 1024 ? 7 : 3);

/** One played match as both engines address it: round, match number (999: third place). */
interface PlayedMatch {
  round: number;
  match: number;
  winnerSlot: 0 | 1;
  score: [number, number];
}

/** CPU milliseconds of this process (and of a database's backends) over `work`. */
async function cpuOf<T>(database: string | null, work: () => Promise<T>): Promise<{ value: T; cpuMs: number }> {
  const backends = database ? new BackendCpu(database) : null;
  await backends?.start();
  const before = process.cpuUsage();
  try {
    const value = await work();
    const used = process.cpuUsage(before);
    const backendSeconds = backends ? (await backends.seconds()).total : 0;
    return { value, cpuMs: (used.user + used.system) / 1000 + backendSeconds * 1000 };
  } finally {
    backends?.stop();
  }
}

interface OurRun {
  ms: number;
  cpuMs: number;
  matches: PlayedMatch[];
  /** Seeds grouped by place, best place first. */
  places: number[][];
}

async function runOurs(store: Store, database: string | null, players: number, seed: number): Promise<OurRun> {
  const ctx: ServiceContext = { store, queue: undefined as never, clock: systemClock, ids: randomIds, asyncThreshold: Number.MAX_SAFE_INTEGER };
  ctx.queue = new InProcessQueue(() => ctx);
  const t0 = performance.now();
  const { value: outcome, cpuMs } = await cpuOf(database, async () => {
    const launched = await launchScenario(ctx, { playerCount: players, format: 'knockout', seed, simulate: true });
    await completeTournament(store, launched.tournamentId);
    return launched;
  });
  const ms = performance.now() - t0;

  // Outside the timing: what was played and how everyone placed, to replay and compare.
  const matches: PlayedMatch[] = [];
  for (let afterOrdinal: number | undefined; ;) {
    const page = await store.sessions.list(outcome.tournamentId, { limit: 50_000, afterOrdinal });
    for (const s of page.items) {
      const [p1] = s.participants;
      matches.push({ round: s.round, match: s.matchNumber, winnerSlot: s.winnerId === p1.id ? 0 : 1, score: s.score! });
    }
    if (page.last === null) break;
    afterOrdinal = page.last;
  }
  const ranking = await store.rankings.list(outcome.tournamentId, { limit: players, offset: 0 });
  return { ms, cpuMs, matches, places: groupPlaces(ranking.items.map((r) => ({ place: r.rank, seed: r.seed! }))) };
}

function groupPlaces(rows: { place: number; seed: number }[]): number[][] {
  const byPlace = new Map<number, number[]>();
  for (const r of rows) {
    const group = byPlace.get(r.place) ?? [];
    group.push(r.seed);
    byPlace.set(r.place, group);
  }
  return [...byPlace.keys()].sort((a, b) => a - b).map((p) => byPlace.get(p)!.sort((a, b) => a - b));
}

/** brackets-manager creates the stage, plays every match with tourney's result for it, and ranks. */
async function runPeer(players: number, played: PlayedMatch[]): Promise<{ ms: number; cpuMs: number; places: number[][] }> {
  const results = new Map(played.map((m) => [`${m.round}:${m.match}`, m]));
  const manager = new BracketsManager(new InMemoryDatabase());
  const t0 = performance.now();
  const before = process.cpuUsage();
  await manager.create.stage({
    tournamentId: 0,
    name: 'knockout',
    type: 'single_elimination',
    seeding: Array.from({ length: players }, (_, i) => `Player ${i + 1}`),
    settings: { seedOrdering: ['inner_outer'], consolationFinal: true },
  });
  const data = await manager.get.stageData(0);
  const roundNumber = new Map(data.round.map((r) => [r.id, r.number]));
  const finalRound = Math.log2(players);
  // The bracket (group 1) round by round, then the consolidation final (group 2).
  const ordered = [...data.match].sort((a, b) => Number(a.group_id) - Number(b.group_id) || roundNumber.get(a.round_id)! - roundNumber.get(b.round_id)! || a.number - b.number);
  for (const m of ordered) {
    const consolation = Number(m.group_id) !== Number(data.group[0].id);
    const key = consolation ? `${finalRound}:999` : `${roundNumber.get(m.round_id)}:${m.number}`;
    const r = results.get(key);
    if (!r) throw new Error(`no tourney result for brackets-manager match ${key}`);
    await manager.update.match({
      id: m.id,
      opponent1: { score: r.score[0], result: r.winnerSlot === 0 ? 'win' : 'loss' },
      opponent2: { score: r.score[1], result: r.winnerSlot === 1 ? 'win' : 'loss' },
    });
  }
  const standings = await manager.get.finalStandings(0);
  const ms = performance.now() - t0;
  const used = process.cpuUsage(before);
  return { ms, cpuMs: (used.user + used.system) / 1000, places: groupPlaces(standings.map((s) => ({ place: s.rank, seed: Number(s.name.slice('Player '.length)) }))) };
}

function samePlaces(a: number[][], b: number[][]): boolean {
  return a.length === b.length && a.every((group, i) => group.length === b[i].length && group.every((seed, j) => seed === b[i][j]));
}

const { environment, close } = await openEnvironment('bench-peer');
const opened: Database[] = [];
const cleanups: (() => Promise<void>)[] = [];
const host = machine();
const report: Record<string, unknown>[] = [];
try {
  console.log(`bench:peer — knockouts of ${SIZES.map((n) => n.toLocaleString('en')).join(' and ')}: tourney (services in process) against brackets-manager 1.11.1 (in memory)`);
  console.log(`  ${host.cpus} cpus, node ${host.node}, load average ${host.load_average.join(' ')} at the start`);
  const pgDatabase = await freshDatabase(environment.postgresUrl, environment.runId);
  cleanups.push(() => pgDatabase.drop());
  const pglitePath = mkdtempSync(path.join(tmpdir(), 'tourney-bench-peer-'));
  cleanups.push(async () => rmSync(pglitePath, { recursive: true, force: true }));
  const backends = [
    { name: 'PostgreSQL', database: await openDatabase({ databaseUrl: pgDatabase.url }), backendsOf: new URL(pgDatabase.url).pathname.slice(1) },
    { name: 'PGlite', database: await openDatabase({ dataDir: pglitePath }), backendsOf: null },
  ];
  for (const b of backends) opened.push(b.database);

  const rows: string[][] = [];
  for (const players of SIZES) {
    const runs = runsFor(players);
    // Warm-up: the JIT and both databases' caches, one small run each.
    for (const b of backends) await runOurs(new SqlStore(b.database.db), b.backendsOf, 64, 0);
    const ours: Record<string, number[]> = Object.fromEntries(backends.map((b) => [b.name, []]));
    const oursCpu: Record<string, number[]> = Object.fromEntries(backends.map((b) => [b.name, []]));
    const peer: number[] = [];
    const peerCpu: number[] = [];
    for (let run = 1; run <= runs; run++) {
      let played: OurRun | undefined;
      for (const b of backends) {
        const mine = await runOurs(new SqlStore(b.database.db), b.backendsOf, players, run);
        ours[b.name].push(mine.ms);
        oursCpu[b.name].push(mine.cpuMs);
        played ??= mine;
      }
      const theirs = await runPeer(players, played!.matches);
      peer.push(theirs.ms);
      peerCpu.push(theirs.cpuMs);
      if (!samePlaces(played!.places, theirs.places)) {
        throw new Error(`run ${run}: brackets-manager placed the players differently from tourney: the engines did not play the same knockout`);
      }
      console.log(`  ${players} players, run ${run}/${runs}: ` + backends.map((b) => `tourney on ${b.name} ${duration(ours[b.name].at(-1)!)} (CPU ${duration(oursCpu[b.name].at(-1)!)})`).join(', ') +
        `, brackets-manager ${duration(theirs.ms)} (CPU ${duration(theirs.cpuMs)}); same places (${theirs.places.length} groups)`);
    }
    for (const b of backends) {
      const ratio = median(peer) / median(ours[b.name]);
      const cpuRatio = median(peerCpu) / median(oursCpu[b.name]);
      rows.push([players.toLocaleString('en'), b.name, String(runs), duration(median(ours[b.name])), duration(median(peer)), `${ratio.toFixed(1)}×`,
        duration(median(oursCpu[b.name])), duration(median(peerCpu)), `${cpuRatio.toFixed(1)}×`]);
      report.push({ players, backend: b.name, runs, tourney_ms: ours[b.name], brackets_manager_ms: peer, ratio,
        tourney_cpu_ms: oursCpu[b.name], brackets_manager_cpu_ms: peerCpu, cpu_ratio: cpuRatio });
    }
  }
  console.log(`\nmedians (created, played, ranked):\n${table(['players', 'tourney on', 'runs', 'tourney', 'brackets-manager', 'brackets-manager / tourney',
    'tourney CPU', 'brackets-manager CPU', 'CPU ratio'], rows)}`);
  const ratioOf = (players: number, backend: string) => report.find((r) => r.players === players && r.backend === backend)?.ratio as number | undefined;
  const cpuRatioOf = (players: number, backend: string) => report.find((r) => r.players === players && r.backend === backend)?.cpu_ratio as number | undefined;
  const goalRows = [
    ['16,384-player knockout against brackets-manager, PostgreSQL', '≥ 50×', ratioOf(16_384, 'PostgreSQL'), 50, cpuRatioOf(16_384, 'PostgreSQL')],
    ['the same on PGlite', '≥ 25×', ratioOf(16_384, 'PGlite'), 25, cpuRatioOf(16_384, 'PGlite')],
    ['1,024-player knockout on PGlite against brackets-manager', 'faster (> 1×)', ratioOf(1024, 'PGlite'), 1, cpuRatioOf(1024, 'PGlite')],
  ] as const;
  console.log(`\ngoals (issue 13):\n${table(['measure', 'goal', 'this run', 'met', 'by CPU time'], goalRows.map(([m, g, r, limit, cpu]) =>
    [m, g, r === undefined ? 'not run' : `${r.toFixed(1)}×`, r === undefined ? '-' : (limit === 1 ? r > 1 : r >= limit) ? 'yes' : 'NO',
      cpu === undefined ? '-' : `${cpu.toFixed(1)}×`]))}`);
  const file = writeReport('peer', { machine: host, load_average_at_end: machine().load_average, results: report });
  console.log(`\nreport: ${file}`);
} finally {
  for (const d of opened) await d.close().catch(() => undefined);
  for (const c of cleanups) await c().catch(() => undefined);
  await close();
}
