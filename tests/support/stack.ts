/**
 * A running tourney: the API server and its workers as separate OS processes, on a fresh
 * database and a unique BullMQ prefix, against the run's Redis and PostgreSQL. Every child
 * is `node --import tsx src/<entry>.ts` (no npm in between, so signals reach it), in its own
 * process group, with its output in a log file whose tail a failing test prints.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { GENERATION_ATTEMPTS, GENERATION_BACKOFF_MS, GENERATION_JOB, QUEUE_NAME } from '../../src/jobs/generation-job.ts';
import type { E2eEnvironment } from './e2e-environment.ts';
import { freePort } from './free-port.ts';
import { freshDatabase, type FreshDatabase } from './fresh-database.ts';
import { RUN_MARKER, startProcess, type ExitInfo, type ManagedProcess } from './managed-process.ts';
import { queuePrefixOf, removeKeys } from './redis-keys.ts';
import { TourneyClient } from './tourney-client.ts';
import { StopWaiting, waitFor } from './wait-for.ts';
import { WireWriteCounter, type WriteCounts } from './wire-write-counter.ts';

/** A worker whose environment names one of these runs as tests/support/faulty-worker.ts. */
const FAULT_VARIABLES = ['TOURNEY_FAULT_GENERATION', 'TOURNEY_FAULT_DELAY_MS'];

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ORPHAN_GUARD = pathToFileURL(path.join(REPO_ROOT, 'tests/support/orphan-guard.ts')).href;


export interface StackOptions {
  /** For log directory names. */
  name?: string;
  /** Workers to start with the server (default 1); more can be started later. */
  workers?: number;
  /** Environment for the server and every worker. */
  env?: Record<string, string>;
  serverEnv?: Record<string, string>;
  workerEnv?: Record<string, string>;
  /** Another Redis than the run's (a throwaway one, or a closed port). */
  redisUrl?: string;
  /** Another PostgreSQL than the run's (a throwaway one a test restarts): its maintenance URL. */
  postgresUrl?: string;
  /**
   * Relay the server's and the workers' database connections through write counters, which
   * tally the write statements and rows PostgreSQL reports (see wire-write-counter.ts).
   */
  countWrites?: boolean;
  /**
   * Migrate the database and create the admin from the harness before the server starts,
   * so that nothing the stack's processes write is set-up (exact write statistics).
   */
  prepareDatabase?: boolean;
  /** Run the server and the workers from dist/ (what `npm start` and `npm run worker` run), built first if stale. */
  compiled?: boolean;
}

export interface Stack {
  baseUrl: string;
  /** Logged in as the admin. */
  api: TourneyClient;
  token: string;
  admin: { email: string; password: string };
  database: FreshDatabase;
  /** A pool on the test database, for read-only checks and statistics (not counted). */
  db: pg.Pool;
  redisUrl: string;
  queuePrefix: string;
  server: ManagedProcess;
  /** Every worker started so far, stopped ones included. */
  workers: ManagedProcess[];
  /** The BullMQ queue the stack uses, as a producer (opened on first use). */
  queue(): Queue;
  /** Adds a generation job straight to the queue, as another producer would. */
  addGenerationJob(data: { tournament_id: number; task_id: string }): Promise<void>;
  /** Workers connected to the queue right now, as BullMQ counts them. */
  connectedWorkers(): Promise<number>;
  /** Starts one more worker; by default resolves once BullMQ sees it connected. */
  startWorker(env?: Record<string, string>, options?: { waitReady?: boolean }): Promise<ManagedProcess>;
  /** Starts `count` workers at once; by default resolves once BullMQ sees them all connected. */
  startWorkers(count: number, env?: Record<string, string>, options?: { waitReady?: boolean }): Promise<ManagedProcess[]>;
  stopWorker(worker: ManagedProcess, signal?: NodeJS.Signals): Promise<ExitInfo>;
  killWorker(worker: ManagedProcess): Promise<ExitInfo>;
  /** Write counts so far, when started with countWrites. */
  writes(): { server: WriteCounts; workers: WriteCounts };
  /** The last lines of every process's log. */
  logsTail(lines?: number): string;
  /** Stops every process, closes connections and drops the database. Safe to call twice. */
  stopAll(): Promise<void>;
}

// Settings of the developer's shell that must not reach the processes under test.
const INHERITED_BLOCKLIST = /^(DATABASE_.*|REDIS_URL|QUEUE_PREFIX|PORT|HOST|DATA_DIR|ADMIN_.*|JWT_SECRET|ASYNC_THRESHOLD|WORKER_CONCURRENCY|STALLED_INTERVAL_MS|LOG_LEVEL|NODE_ENV|NODE_OPTIONS|TOURNEY_.*|VITEST.*|TEST_BACKEND)$/;

/** This process's environment without the settings that must not reach the processes under test. */
export function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !INHERITED_BLOCKLIST.test(key)) env[key] = value;
  }
  return env;
}

let stackCount = 0;

/** Starts a stack; on failure everything it started is stopped and the error carries the logs. */
export async function startStack(environment: E2eEnvironment, options: StackOptions = {}): Promise<Stack> {
  stackCount += 1;
  const id = randomBytes(4).toString('hex');
  const label = `${options.name ?? 'stack'}-${stackCount}-${id}`;
  const logDir = path.join(environment.runDir, label);
  const dataDir = path.join(logDir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const redisUrl = options.redisUrl ?? environment.redisUrl;
  const queuePrefix = queuePrefixOf(environment.runId, id);
  const admin = { email: 'admin@e2e.test', password: randomBytes(12).toString('hex') };

  const database = await freshDatabase(options.postgresUrl ?? environment.postgresUrl, environment.runId);
  const db = new pg.Pool({ connectionString: database.url, max: 4 });
  db.on('error', () => undefined);
  const counters: { server?: WireWriteCounter; workers?: WireWriteCounter } = {};
  const workers: ManagedProcess[] = [];
  let server: ManagedProcess | undefined;
  let queue: Queue | undefined;
  let queueConnection: Redis | undefined;
  let stopped = false;
  let workerCount = 0;

  const logsTail = (lines = 40) =>
    [server, ...workers]
      .filter((p): p is ManagedProcess => p !== undefined)
      .map((p) => `----- ${p.name} (pid ${p.pid}, ${p.alive ? 'running' : `exited ${JSON.stringify(p.exit)}`}) ${p.logFile}\n${p.tail(lines) || '(no output)'}`)
      .join('\n');

  const stopAll = async () => {
    if (stopped) return;
    stopped = true;
    const problems: string[] = [];
    const attempt = async (what: string, work: () => Promise<unknown>) => {
      try {
        await work();
      } catch (error) {
        problems.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    await Promise.all(workers.map((w) => attempt(`stopping ${w.name}`, () => w.stop('SIGTERM', 10_000))));
    if (server) await attempt('stopping the server', () => server!.stop('SIGTERM', 10_000));
    // The stack's own data directory (an embedded database: 1.5 GB after a million-player
    // benchmark) goes with it; the logs beside it stay. A DATA_DIR the caller gave is not ours.
    await attempt('removing the data directory', async () => rmSync(dataDir, { recursive: true, force: true }));
    if (queue) await attempt('closing the queue', () => queue!.close());
    if (queueConnection) queueConnection.disconnect();
    await attempt('removing the queue keys', () => removeKeys(redisUrl, `${queuePrefix}:`));
    await attempt('closing the pool', () => db.end());
    for (const c of Object.values(counters)) await attempt('closing a write counter', () => c.close());
    await attempt('dropping the database', () => database.drop());
    if (problems.length > 0) throw new Error(`stopping the stack: ${problems.join('; ')}`);
  };

  try {
    let serverDbUrl = database.url;
    let workerDbUrl = database.url;
    if (options.countWrites) {
      const s = await WireWriteCounter.start(database.url);
      const w = await WireWriteCounter.start(database.url);
      counters.server = s.counter;
      counters.workers = w.counter;
      serverDbUrl = s.url;
      workerDbUrl = w.url;
    }
    if (options.prepareDatabase) await prepareDatabase(database.url, admin);

    const common = {
      ...baseEnv(),
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: queuePrefix,
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'info',
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      [RUN_MARKER]: environment.runId,
      ...options.env,
    };
    if (options.compiled) {
      const build = spawnSync(process.execPath, ['scripts/build-server-if-needed.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`building dist/ failed:\n${build.stderr}`);
    }
    const entryFile = (name: 'server' | 'worker') => (options.compiled ? `dist/${name}.js` : `src/${name}.ts`);
    const spawnNode = (name: string, entry: string, env: Record<string, string>) =>
      startProcess({
        name,
        command: process.execPath,
        args: ['--import', 'tsx', '--import', ORPHAN_GUARD, entry],
        cwd: REPO_ROOT,
        env,
        logDir,
      });

    const openQueue = () => {
      if (!queue) {
        queueConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
        queueConnection.on('error', () => undefined);
        queue = new Queue(QUEUE_NAME, { connection: queueConnection, prefix: queuePrefix });
        queue.on('error', () => undefined);
      }
      return queue;
    };

    const startWorkers = async (count: number, env: Record<string, string> = {}, opts: { waitReady?: boolean } = {}) => {
      const before = opts.waitReady === false ? 0 : await openQueue().getWorkersCount();
      const started: ManagedProcess[] = [];
      for (let i = 0; i < count; i++) {
        workerCount += 1;
        const workerEnv: Record<string, string> = { ...common, DATABASE_URL: workerDbUrl, ...options.workerEnv, ...env };
        // A fault switch in the environment: the same worker, with the faults a test injects.
        const entry = FAULT_VARIABLES.some((name) => workerEnv[name]) ? 'tests/support/faulty-worker.ts' : entryFile('worker');
        const worker = spawnNode(`worker-${workerCount}`, entry, workerEnv);
        workers.push(worker);
        started.push(worker);
      }
      if (opts.waitReady !== false && count > 0) {
        await waitFor(async () => {
          const dead = started.find((w) => !w.alive);
          if (dead) throw new StopWaiting(`${dead.name} exited ${JSON.stringify(dead.exit)} before it connected`);
          return (await openQueue().getWorkersCount()) >= before + count;
        }, { timeout: 120_000, interval: 50, what: `${started.map((w) => w.name).join(', ')} to connect to the queue` });
      }
      return started;
    };

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    server = spawnNode('server', entryFile('server'), { ...common, DATABASE_URL: serverDbUrl, PORT: String(port), HOST: '127.0.0.1', ...options.serverEnv });
    const api = new TourneyClient(baseUrl);
    const theServer = server;
    const serverReady = (async () => {
      await waitFor(async () => {
        if (!theServer.alive) throw new StopWaiting(`the server exited ${JSON.stringify(theServer.exit)} before it was ready`);
        const response = await api.request('GET', '/readyz', undefined, 1_000);
        return response.status === 200;
      }, { timeout: 120_000, interval: 50, what: `the server on ${baseUrl} to be ready` });
      return api.login(admin.email, admin.password);
    })();
    // The first workers start alongside the server (both migrate under an advisory lock).
    const [serverOutcome, workersOutcome] = await Promise.allSettled([serverReady, startWorkers(options.workers ?? 1)]);
    if (serverOutcome.status === 'rejected') throw serverOutcome.reason;
    if (workersOutcome.status === 'rejected') throw workersOutcome.reason;
    const token = serverOutcome.value;

    const empty: WriteCounts = { writeStatements: 0, rowsWritten: 0, byCommand: {}, unreadableConnections: 0 };
    return {
      baseUrl, api, token, admin, database, db, redisUrl, queuePrefix, server, workers,
      queue: openQueue,
      async addGenerationJob(data) {
        // The options the server's queue gives its jobs (src/jobs/bullmq-queue.ts).
        await openQueue().add(GENERATION_JOB, data, { jobId: data.task_id, attempts: GENERATION_ATTEMPTS, backoff: { type: 'exponential', delay: GENERATION_BACKOFF_MS } });
      },
      connectedWorkers: () => openQueue().getWorkersCount(),
      startWorker: async (env, opts) => (await startWorkers(1, env, opts))[0],
      startWorkers,
      stopWorker: (worker, signal = 'SIGTERM') => worker.stop(signal, 10_000),
      killWorker: (worker) => worker.kill(),
      writes: () => ({ server: counters.server?.snapshot() ?? empty, workers: counters.workers?.snapshot() ?? empty }),
      logsTail,
      stopAll,
    };
  } catch (error) {
    const logs = logsTail(60);
    await stopAll().catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\n${logs}`, { cause: error });
  }
}

/** Migrations and the bootstrap admin, done by the harness with the project's own code. */
async function prepareDatabase(url: string, admin: { email: string; password: string }): Promise<void> {
  const { openDatabase } = await import('../../src/storage/database.ts');
  const { SqlStore } = await import('../../src/storage/store.ts');
  const { ensureAdmin } = await import('../../src/services/manage-users.ts');
  const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
  try {
    await ensureAdmin(new SqlStore(database.db), admin.email, admin.password);
  } finally {
    await database.close();
  }
}
