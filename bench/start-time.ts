/**
 * How long `npm start` and `npm run worker` take to be ready once dist/ is built: the compiled
 * server (PostgreSQL and Redis, and PGlite in a data directory made by a first start) and the
 * compiled worker, each spawned as `node dist/<entry>.js` (what the npm scripts run after their
 * up-to-date check), timed from spawn to its ready line, and stopped with SIGTERM.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { E2eEnvironment } from '../tests/support/e2e-environment.ts';
import { freshDatabase } from '../tests/support/fresh-database.ts';
import { median } from './figures.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const READY = /tourney listening on|worker ready:/;

export interface StartFigures {
  what: string;
  ms: number[];
  median: number;
}

function timeStart(entry: string, env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', entry)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let ready: number | undefined;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready === undefined && READY.test(output)) {
        ready = performance.now() - t0;
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', () => {
      clearTimeout(timer);
      if (ready === undefined) reject(new Error(`dist/${entry} never said it was ready:\n${output.slice(-2000)}`));
      else resolve(ready);
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
      for (let i = 0; i < runs; i++) ms.push(await timeStart(c.entry, c.env));
      out.push({ what: c.what, ms, median: median(ms) });
    }
    return out;
  } finally {
    await database.drop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
