/**
 * How long `npm start` and `npm run worker` take to be ready once dist/ is built: the compiled
 * server (PostgreSQL and Redis, and PGlite in a data directory made by a first start) and the
 * compiled worker, each spawned as `node dist/<entry>.js` (what the npm scripts run after their
 * up-to-date check), timed from spawn to its ready line, and stopped with SIGTERM. Beside the
 * wall time, the CPU time the process had used when it said it was ready (from /proc), which a
 * loaded machine does not inflate: all its threads, and its main thread alone (JavaScript runs
 * there; WebAssembly compilation and garbage collection also use threads of their own), which
 * is about what the start takes on an idle machine.
 *
 *   npx tsx bench/start-time.ts [runs] [--against <checkout>]   (alone; bench:scale runs it too)
 *
 * --against measures another checkout's dist/ (built there first, e.g. a `git archive` of
 * main with node_modules linked in) in the same run, its starts taking turns with these.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { E2eEnvironment } from '../tests/support/e2e-environment.ts';
import { freshDatabase } from '../tests/support/fresh-database.ts';
import { duration, median, table } from './figures.ts';
import { cpuSecondsOf, loadAverage } from './process-cpu.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const READY = /tourney listening on|worker ready:/;

export interface StartFigures {
  what: string;
  ms: number[];
  median: number;
  /** CPU milliseconds used by the time of the ready line, all threads. */
  cpu_ms: number[];
  cpu_median: number;
  /** The same, the main thread only. */
  main_cpu_ms: number[];
  main_cpu_median: number;
  /** The machine's load average when this case's starts began and ended. */
  load_average: { start: number; end: number };
}

interface Run {
  ms: number;
  cpuMs: number;
  mainCpuMs: number;
}

function timeStart(root: string, entry: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [path.join(root, 'dist', entry)], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let ready: number | undefined;
    let cpuMs = 0;
    let mainCpuMs = 0;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready === undefined && READY.test(output)) {
        ready = performance.now() - t0;
        cpuMs = (cpuSecondsOf(child.pid!) ?? 0) * 1000;
        mainCpuMs = (cpuSecondsOf(child.pid!, child.pid!) ?? 0) * 1000;
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', () => {
      clearTimeout(timer);
      if (ready === undefined) reject(new Error(`dist/${entry} never said it was ready:\n${output.slice(-2000)}`));
      else resolve({ ms: ready, cpuMs, mainCpuMs });
    });
  });
}

/**
 * Each case in each checkout (this one first): a first start (it migrates, and writes the
 * code cache), then `runs` starts, the checkouts taking turns.
 */
export async function measureStarts(environment: E2eEnvironment, runs: number, roots: readonly string[] = [ROOT]): Promise<StartFigures[]> {
  for (const root of roots) {
    const build = spawnSync(process.execPath, [path.join(root, 'scripts/build-server-if-needed.mjs')], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`building ${root}/dist failed: ${build.stderr}`);
  }
  const database = await freshDatabase(environment.postgresUrl, environment.runId);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tourney-start-'));
  const common = {
    REDIS_URL: environment.redisUrl, QUEUE_PREFIX: `start-${environment.runId}`, PORT: '0', HOST: '127.0.0.1',
    JWT_SECRET: 'start-time-secret-start-time-secret-00', ADMIN_PASSWORD: 'start-time-password', LOG_LEVEL: 'info',
  };
  const cases: { what: string; entry: string; env: Record<string, string> }[] = [
    { what: 'npm start (PostgreSQL, BullMQ)', entry: 'server.js', env: { ...common, DATABASE_URL: database.url, DATA_DIR: dataDir } },
    { what: 'npm run worker (PostgreSQL, BullMQ)', entry: 'worker.js', env: { ...common, DATABASE_URL: database.url, DATA_DIR: dataDir } },
    { what: 'npm start (embedded PGlite)', entry: 'server.js', env: { ...common, DATABASE_URL: '', REDIS_URL: '' } },
  ];
  try {
    const out: StartFigures[] = [];
    for (const c of cases) {
      // Each checkout its own embedded database (the two may not share migrations).
      const envOf = (i: number) => (c.env.DATA_DIR !== undefined ? c.env : { ...c.env, DATA_DIR: path.join(dataDir, `embedded-${i}`) });
      for (const [i, root] of roots.entries()) await timeStart(root, c.entry, envOf(i));
      const load = loadAverage();
      const done: Run[][] = roots.map(() => []);
      for (let r = 0; r < runs; r++) {
        for (const [i, root] of roots.entries()) done[i]!.push(await timeStart(root, c.entry, envOf(i)));
      }
      for (const [i, root] of roots.entries()) {
        const these = done[i]!;
        const label = roots.length > 1 ? `${c.what}, ${i === 0 ? 'this checkout' : path.basename(root)}` : c.what;
        out.push({
          what: label,
          ms: these.map((x) => x.ms),
          median: median(these.map((x) => x.ms)),
          cpu_ms: these.map((x) => x.cpuMs),
          cpu_median: median(these.map((x) => x.cpuMs)),
          main_cpu_ms: these.map((x) => x.mainCpuMs),
          main_cpu_median: median(these.map((x) => x.mainCpuMs)),
          load_average: { start: load, end: loadAverage() },
        });
      }
    }
    return out;
  } finally {
    await database.drop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The table bench:scale prints. */
export function startTable(starts: StartFigures[]): string {
  return table(['process', 'median', 'CPU to ready (median)', 'main thread CPU', 'runs'],
    starts.map((s) => [s.what, duration(s.median), duration(s.cpu_median), duration(s.main_cpu_median), s.ms.map((ms) => duration(ms)).join(', ')]));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { parseArgs } = await import('node:util');
  const { openEnvironment } = await import('../tests/support/e2e-environment.ts');
  const { values, positionals } = parseArgs({ options: { against: { type: 'string' } }, allowPositionals: true });
  const roots = [ROOT, ...(values.against ? [path.resolve(values.against)] : [])];
  const { environment, close } = await openEnvironment('bench-start');
  try {
    const before = loadAverage();
    const starts = await measureStarts(environment, Number(positionals[0] ?? 5), roots);
    console.log(`start to ready, compiled (dist/), load average ${before} → ${loadAverage()}:\n${startTable(starts)}`);
  } finally {
    await close();
  }
}
