/**
 * The real stack behind the UI tests: the API server (which serves web/dist) with BullMQ on
 * Redis and a fresh PostgreSQL database, and a generation worker that a test starts when it
 * wants one. Built from the shared harness in tests/support (Redis and PostgreSQL found or
 * started, databases per stack, processes that always end).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openEnvironment, type OpenEnvironment } from '../support/e2e-environment.ts';
import { freePort } from '../support/free-port.ts';
import { freshDatabase, type FreshDatabase } from '../support/fresh-database.ts';
import { RUN_MARKER, startProcess, type ManagedProcess } from '../support/managed-process.ts';
import { TourneyClient } from '../support/tourney-client.ts';
import { waitFor } from '../support/wait-for.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ADMIN_EMAIL = 'admin@localhost';
export const ADMIN_PASSWORD = 'ui-admin-password-1';

export interface UiStack {
  baseURL: string;
  /** Starts the generation worker unless one runs, and waits until it takes jobs. */
  startWorker(): Promise<void>;
  /** Stops the worker if one runs (it finishes its active job first). */
  stopWorker(): Promise<void>;
  workerRunning(): boolean;
  /** An API client signed in as the admin. */
  api(): Promise<TourneyClient>;
  /** The ends of the processes' logs, for a failing test's report. */
  logs(): string;
  close(): Promise<void>;
}

export async function startUiStack(): Promise<UiStack> {
  const built = path.join(ROOT, 'web', 'dist', 'index.html');
  if (!existsSync(built)) throw new Error('web/dist is not built: run `npm run build:web` (npm run test:ui does it first)');

  let opened: OpenEnvironment | undefined;
  let database: FreshDatabase | undefined;
  let server: ManagedProcess | undefined;
  let worker: ManagedProcess | undefined;
  try {
    opened = await openEnvironment('ui');
    const { environment } = opened;
    database = await freshDatabase(environment.postgresUrl, environment.runId);
    const port = await freePort();
    const stackDir = path.join(environment.runDir, 'stack');
    const dataDir = path.join(stackDir, 'data');
    mkdirSync(dataDir, { recursive: true });
    const env: Record<string, string | undefined> = {
      ...process.env,
      [RUN_MARKER]: environment.runId,
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      REDIS_URL: environment.redisUrl,
      QUEUE_PREFIX: `ui-${environment.runId}-${randomBytes(3).toString('hex')}`,
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    };
    const baseURL = `http://127.0.0.1:${port}`;

    server = startProcess({ name: 'server', command: process.execPath, args: ['--import', 'tsx', 'src/server.ts'], env, cwd: ROOT, logDir: stackDir });
    const running = server;
    await waitFor(
      async () => {
        if (!running.alive) throw new Error(`the server exited (${JSON.stringify(running.exit)}):\n${running.tail(40)}`);
        const response = await fetch(`${baseURL}/readyz`, { signal: AbortSignal.timeout(2000) });
        return response.ok;
      },
      { timeout: 180_000, interval: 250, what: `the server at ${baseURL}/readyz` },
    ).catch((error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- server log ---\n${running.tail(40)}`);
    });

    const startWorker = async () => {
      if (worker?.alive) return;
      const started = startProcess({ name: 'worker', command: process.execPath, args: ['--import', 'tsx', 'src/worker.ts'], env, cwd: ROOT, logDir: stackDir });
      worker = started;
      await waitFor(
        () => {
          if (!started.alive) throw new Error(`the worker exited (${JSON.stringify(started.exit)})`);
          return readFileSync(started.logFile, 'utf8').includes('worker ready');
        },
        { timeout: 120_000, interval: 200, what: 'the worker to print "worker ready"' },
      ).catch((error: unknown) => {
        throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- worker log ---\n${started.tail(40)}`);
      });
    };

    const stopWorker = async () => {
      if (worker?.alive) await worker.stop('SIGTERM', 15_000);
    };

    const stack: UiStack = {
      baseURL,
      startWorker,
      stopWorker,
      workerRunning: () => worker?.alive === true,
      async api() {
        const client = new TourneyClient(baseURL);
        await client.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        return client;
      },
      logs() {
        return [server, worker]
          .filter((p): p is ManagedProcess => p !== undefined)
          .map((p) => `--- ${p.name} (${p.logFile}) ---\n${p.tail(30)}`)
          .join('\n');
      },
      async close() {
        await worker?.stop('SIGTERM', 10_000).catch(() => undefined);
        await server?.stop('SIGTERM', 10_000).catch(() => undefined);
        await database?.drop().catch((error: unknown) => console.warn(`ui: could not drop ${database?.name}: ${String(error)}`));
        await opened?.close();
      },
    };
    return stack;
  } catch (error) {
    await worker?.stop('SIGKILL', 0).catch(() => undefined);
    await server?.stop('SIGKILL', 0).catch(() => undefined);
    await database?.drop().catch(() => undefined);
    await opened?.close().catch(() => undefined);
    throw error;
  }
}
