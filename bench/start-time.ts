/**
 * How long `npm start` and `npm run worker` take to be ready once dist/ is built: the compiled
 * server (PostgreSQL and Redis, and PGlite in a data directory made by a first start) and the
 * compiled worker, each spawned as `node dist/<entry>.js` (what the npm scripts run after their
 * up-to-date check), timed from spawn to its ready line, and stopped with SIGTERM. Beside the
 * wall time, the CPU time the process had used when it said it was ready (from /proc), which a
 * loaded machine does not inflate.
 *
 *   npx tsx bench/start-time.ts [runs]   (alone; bench:scale runs it too)
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
import { cpuSecondsOf } from './process-cpu.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const READY = /tourney listening on|worker ready:/;

export interface StartFigures {
  what: string;
  ms: number[];
  median: number;
  /** CPU milliseconds used by the time of the ready line. */
  cpu_ms: number[];
  cpu_median: number;
}

function timeStart(entry: string, env: Record<string, string>): Promise<{ ms: number; cpuMs: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', entry)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let ready: number | undefined;
    let cpuMs = 0;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready === undefined && READY.test(output)) {
        ready = performance.now() - t0;
        cpuMs = (cpuSecondsOf(child.pid!) ?? 0) * 1000;
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', () => {
      clearTimeout(timer);
      if (ready === undefined) reject(new Error(`dist/${entry} never said it was ready:\n${output.slice(-2000)}`));
      else resolve({ ms: ready, cpuMs });
    });
  });
}

export async function measureStarts(environment: E2eEnvironment, runs: number): Promise<StartFigures[]> {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-server-if-needed.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building dist/ failed: ${build.stderr}`);
  const database = await freshDatabase(environment.postgresUrl, environment.runId);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tourney-start-'));
  const common = {
    REDIS_URL: environment.redisUrl, QUEUE_PREFIX: `start-${environment.runId}`, PORT: '0', HOST: '127.0.0.1',
    JWT_SECRET: 'start-time-secret-start-time-secret-00', ADMIN_PASSWORD: 'start-time-password', LOG_LEVEL: 'info',
  };
  const cases = [
    { what: 'npm start (PostgreSQL, BullMQ)', entry: 'server.js', env: { ...common, DATABASE_URL: database.url, DATA_DIR: dataDir } },
    { what: 'npm run worker (PostgreSQL, BullMQ)', entry: 'worker.js', env: { ...common, DATABASE_URL: database.url, DATA_DIR: dataDir } },
    { what: 'npm start (embedded PGlite)', entry: 'server.js', env: { ...common, DATABASE_URL: '', REDIS_URL: '', DATA_DIR: path.join(dataDir, 'embedded') } },
  ];
  try {
    const out: StartFigures[] = [];
    for (const c of cases) {
      await timeStart(c.entry, c.env); // the first start migrates and makes the admin (and the data directory)
      const ms: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < runs; i++) {
        const run = await timeStart(c.entry, c.env);
        ms.push(run.ms);
        cpu.push(run.cpuMs);
      }
      out.push({ what: c.what, ms, median: median(ms), cpu_ms: cpu, cpu_median: median(cpu) });
    }
    return out;
  } finally {
    await database.drop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The table bench:scale prints. */
export function startTable(starts: StartFigures[]): string {
  return table(['process', 'median', 'CPU to ready (median)', 'runs'],
    starts.map((s) => [s.what, duration(s.median), duration(s.cpu_median), s.ms.map((ms) => duration(ms)).join(', ')]));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { openEnvironment } = await import('../tests/support/e2e-environment.ts');
  const { loadAverage } = await import('./process-cpu.ts');
  const { environment, close } = await openEnvironment('bench-start');
  try {
    const before = loadAverage();
    const starts = await measureStarts(environment, Number(process.argv[2] ?? 5));
    console.log(`start to ready, compiled (dist/), load average ${before} → ${loadAverage()}:\n${startTable(starts)}`);
  } finally {
    await close();
  }
}
