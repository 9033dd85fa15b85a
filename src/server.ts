/**
 * Composition root of the API server: read the configuration, open the database, wire the
 * queue and the app, listen, and stop cleanly on SIGTERM/SIGINT.
 *
 * The queue: BullMQ on Redis when REDIS_URL is set (workers: `npm run worker`, or
 * `--with-worker` to run one inside this process too); else the embedded in-process queue,
 * which runs jobs here and, at start, queues again the tasks the last process left unfinished.
 */
import net from 'node:net';
import { saveCompileCache } from './compile-cache.ts';
import { loadConfig, type Config } from './config.ts';
import { buildApp } from './http/app.ts';
import metrics from './http/plugins/metrics.ts';
import queueBoard from './http/plugins/queue-board.ts';
import type { BullMqQueue } from './jobs/bullmq-queue.ts';
import type { GenerationWorker } from './jobs/generation-worker.ts';
import { InProcessQueue } from './jobs/in-process-queue.ts';
import { startStrandedTaskSweep } from './jobs/stranded-task-sweep.ts';
import type { ServiceContext } from './services/context.ts';
import { ensureAdmin } from './services/manage-users.ts';
import type { JobQueue } from './services/ports.ts';
import { randomIds, systemClock } from './services/system-ports.ts';
import { recoverUnfinishedTasks } from './services/recover-unfinished-tasks.ts';
import { createLogger } from './logger.ts';
import { describeStartFailure } from './start-failure.ts';
import { startDatabase } from './storage/database.ts';
import { loadOrCreateSecret } from './secret-file.ts';
import { SqlStore } from './storage/store.ts';

/** Fails now (EADDRINUSE, EACCES) rather than after the database is opened and migrated. */
function checkPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

async function main(config: Config): Promise<void> {
  await checkPortFree(config.host, config.port);
  // One pino logger for the process: the database, the queue and Fastify's requests write to it.
  const log = createLogger(config.logLevel);
  // A rejection nobody awaited is a bug to log, not a reason to drop every other request.
  process.on('unhandledRejection', (reason) => log.error({ err: reason instanceof Error ? reason.message : String(reason) }, 'unhandled rejection'));

  // The database opens while the app is built: PGlite compiles its WebAssembly and reads its
  // files meanwhile. Nothing reaches the database before `opened` resolves.
  const { database, ready: opened } = await startDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
    owner: 'server',
    log,
  });
  const store = new SqlStore(database.db);
  const jwtSecret = config.jwtSecret ?? loadOrCreateSecret(config.dataDir, 'jwt-secret');

  const ctx: ServiceContext = {
    store,
    queue: undefined as unknown as JobQueue,
    clock: systemClock,
    ids: randomIds,
    asyncThreshold: config.asyncThreshold,
  };
  const withWorker = process.argv.includes('--with-worker');
  let bullmq: BullMqQueue | undefined;
  let inProcess: InProcessQueue | undefined;
  if (config.redisUrl) {
    // BullMQ (and the Redis client) load only when there is Redis: the embedded server starts without them.
    const { BullMqQueue } = await import('./jobs/bullmq-queue.ts');
    bullmq = new BullMqQueue({ redisUrl: config.redisUrl, prefix: config.queuePrefix, log });
    ctx.queue = bullmq;
  } else {
    inProcess = new InProcessQueue(() => ctx, log);
    ctx.queue = inProcess;
  }

  const app = await buildApp({
    ctx,
    jwtSecret,
    logger: log,
    plugins: [
      queueBoard({ queue: bullmq?.queue }),
      metrics({ ctx, queueCounts: () => (bullmq ? bullmq.jobCounts() : inProcess!.jobCounts()) }),
    ],
  });
  await opened;

  let worker: GenerationWorker | undefined;
  let stopSweep: () => Promise<void> = async () => undefined;
  if (withWorker && bullmq && config.redisUrl) {
    const { startGenerationWorker } = await import('./jobs/generation-worker.ts');
    worker = startGenerationWorker(ctx, {
      redisUrl: config.redisUrl,
      prefix: config.queuePrefix,
      concurrency: config.workerConcurrency,
      takeoverMs: config.stalledIntervalMs,
      log: app.log,
    });
  } else if (withWorker) {
    app.log.info('--with-worker has nothing to add without REDIS_URL: the in-process queue already runs generation in this process');
  }
  const admin = await ensureAdmin(store, config.adminEmail, config.adminPassword);
  if (admin.generatedPassword) {
    // Printed once, to the console only: it is not kept anywhere in clear.
    console.log(`\n  Bootstrap admin created: ${config.adminEmail}\n  Password (shown once): ${admin.generatedPassword}\n`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    await app.close();
    // The worker first: it finishes its active job before the database goes.
    await stopSweep();
    await worker?.close().catch((error: unknown) => app.log.error({ err: error }, 'worker did not close cleanly'));
    await ctx.queue.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  // The CLI finds the server that owns the embedded database here, and talks to it over HTTP.
  database.lock?.advertise(url);
  app.log.info({ database: database.kind, queue: ctx.queue.kind }, `tourney listening on ${url}`);
  saveCompileCache();

  if (inProcess) {
    const recovered = await recoverUnfinishedTasks(ctx);
    if (recovered > 0) app.log.warn({ tasks: recovered }, 'queued again the generation tasks the last run left unfinished');
  }
  if (bullmq) {
    // The outbox relay: a task whose job did not reach Redis (it went away between the commit
    // and the hand-over, or this process died there) is handed over by the sweep.
    await worker?.ready;
    if (!stopping) stopSweep = startStrandedTaskSweep(ctx, { queue: bullmq, log: app.log, everyMs: 5_000, graceMs: 5_000 });
    if (worker) app.log.info({ queue: 'tournaments', prefix: config.queuePrefix, concurrency: config.workerConcurrency }, 'worker ready (inside the server process)');
  }
}

async function start(): Promise<void> {
  let config: Config | undefined;
  try {
    config = loadConfig();
    await main(config);
  } catch (error) {
    const failure = describeStartFailure(error, config ? { host: config.host, port: config.port } : undefined);
    console.error(`tourney: ${failure.message}`);
    process.exit(failure.code);
  }
}

void start();
