/**
 * Composition root of the API server: read the configuration, open the database, wire the
 * queue and the app, listen, and stop cleanly on SIGTERM/SIGINT.
 *
 * The queue: BullMQ on Redis when REDIS_URL is set (workers: `npm run worker`, or
 * `--with-worker` to run one inside this process too); else the embedded in-process queue,
 * which runs jobs here.
 */
import { ConfigError, loadConfig, type Config } from './config.ts';
import { buildApp } from './http/app.ts';
import metrics from './http/plugins/metrics.ts';
import queueBoard from './http/plugins/queue-board.ts';
import { BullMqQueue } from './jobs/bullmq-queue.ts';
import { startGenerationWorker, type GenerationWorker, type JobLogger } from './jobs/generation-worker.ts';
import { InProcessQueue } from './jobs/in-process-queue.ts';
import { lineLogger } from './jobs/line-logger.ts';
import { startStrandedTaskSweep } from './jobs/stranded-task-sweep.ts';
import type { ServiceContext } from './services/context.ts';
import { ensureAdmin } from './services/manage-users.ts';
import { randomIds, systemClock } from './services/system-ports.ts';
import type { JobQueue } from './services/ports.ts';
import { openDatabase } from './storage/database.ts';
import { loadOrCreateSecret } from './storage/secret-file.ts';
import { SqlStore } from './storage/store.ts';

async function main(config: Config): Promise<void> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const store = new SqlStore(database.db);
  const jwtSecret = config.jwtSecret ?? loadOrCreateSecret(config.dataDir, 'jwt-secret');

  const ctx: ServiceContext = {
    store,
    queue: undefined as unknown as JobQueue,
    clock: systemClock,
    ids: randomIds,
    asyncThreshold: config.asyncThreshold,
    faultGeneration: config.faultGeneration,
    faultDelayMs: config.faultDelayMs,
  };
  const withWorker = process.argv.includes('--with-worker');
  // The queue exists before the app (the board shows it), the app's logger after: until then, the console.
  let log: Pick<JobLogger, 'warn' | 'info'> = lineLogger(config.logLevel);
  const deferredLog: Pick<JobLogger, 'warn' | 'info'> = { warn: (f, m) => log.warn(f, m), info: (f, m) => log.info(f, m) };
  let bullmq: BullMqQueue | undefined;
  let inProcess: InProcessQueue | undefined;
  if (config.redisUrl) {
    bullmq = new BullMqQueue({ redisUrl: config.redisUrl, prefix: config.queuePrefix, log: deferredLog });
    ctx.queue = bullmq;
  } else {
    inProcess = new InProcessQueue(() => ctx);
    ctx.queue = inProcess;
  }

  const app = await buildApp({
    ctx,
    jwtSecret,
    logger: { level: config.logLevel },
    plugins: [
      queueBoard({ queue: bullmq?.queue }),
      metrics({ ctx, queueCounts: () => (bullmq ? bullmq.jobCounts() : inProcess!.jobCounts()) }),
    ],
  });
  log = app.log;

  let worker: GenerationWorker | undefined;
  let stopSweep: () => Promise<void> = async () => undefined;
  if (withWorker && bullmq && config.redisUrl) {
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
  app.log.info({ database: database.kind, queue: ctx.queue.kind }, `tourney listening on http://${config.host}:${port}`);
  if (worker && bullmq) {
    await worker.ready;
    if (!stopping) stopSweep = startStrandedTaskSweep(ctx, { queue: bullmq, log: app.log });
    app.log.info({ queue: 'tournaments', prefix: config.queuePrefix, concurrency: config.workerConcurrency }, 'worker ready (inside the server process)');
  }
}

try {
  await main(loadConfig());
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`tourney: configuration error: ${error.message}`);
    process.exit(78);
  }
  console.error('tourney: failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
}
