/**
 * A worker process: read the configuration, open the database, take `generate-sessions` jobs
 * from the BullMQ queue in Redis, and on SIGTERM/SIGINT stop taking jobs, finish the active
 * ones and exit 0. Run as many as you like, on as many hosts. `src/worker.ts` runs it as it is;
 * a test process may run it with fault hooks (tests/support/faulty-worker.ts).
 */
import { saveCompileCache } from './compile-cache.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { BullMqQueue } from './jobs/bullmq-queue.ts';
import { startGenerationWorker } from './jobs/generation-worker.ts';
import { QUEUE_NAME, WORKER_IDENTITY } from './jobs/generation-job.ts';
import { startStrandedTaskSweep } from './jobs/stranded-task-sweep.ts';
import type { GenerationFaults } from './services/context.ts';
import { systemClock } from './services/system-ports.ts';
import { createLogger } from './logger.ts';
import { describeStartFailure } from './start-failure.ts';
import { openDatabase } from './storage/database.ts';
import { SqlStore } from './storage/store.ts';

async function main(config: Config, faults: GenerationFaults | undefined): Promise<void> {
  if (!config.redisUrl) {
    throw new ConfigError('REDIS_URL is required for a worker (e.g. redis://127.0.0.1:6379); without Redis the server runs generation in-process');
  }
  if (!config.databaseUrl) {
    // The embedded database has one owner, the server: a worker beside it would write to a copy nobody reads.
    throw new ConfigError('DATABASE_URL is required for a worker (e.g. postgres://postgres@127.0.0.1:5432/tourney): workers share PostgreSQL with the API; the embedded database belongs to the server alone');
  }
  const log = createLogger(config.logLevel);
  process.on('unhandledRejection', (reason) => log.error({ err: reason instanceof Error ? reason.message : String(reason) }, 'unhandled rejection'));
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
    owner: 'worker',
    log,
  });
  const store = new SqlStore(database.db);
  // The first job finds a warm connection.
  await store.ping();
  const generation = startGenerationWorker(
    { store, clock: systemClock, faults },
    {
      redisUrl: config.redisUrl,
      prefix: config.queuePrefix,
      concurrency: config.workerConcurrency,
      takeoverMs: config.stalledIntervalMs,
      log,
    },
  );

  // Re-adds the jobs of unfinished tasks that Redis lost (it only adds; it never runs one).
  const producer = new BullMqQueue({ redisUrl: config.redisUrl, prefix: config.queuePrefix });
  let stopSweep: () => Promise<void> = async () => undefined;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'worker stopping: no new jobs, finishing the active ones');
    let code = 0;
    try {
      await stopSweep();
      await generation.close();
      await producer.close();
    } catch (error) {
      code = 1;
      log.error({ err: error instanceof Error ? error.message : String(error) }, 'worker did not close cleanly');
    }
    await database.close().catch(() => undefined);
    console.log(`worker stopped: ${WORKER_IDENTITY}, exit ${code}`);
    process.exit(code);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await generation.ready;
  if (!stopping) stopSweep = startStrandedTaskSweep({ store }, { queue: producer, log });
  if (faults) log.warn({ faults: Object.keys(faults) }, 'TEST FAULT HOOKS ARE ON: generation fails or stalls on purpose');
  // Printed whatever LOG_LEVEL says: supervisors and test harnesses wait for this line.
  console.log(`worker ready: queue ${QUEUE_NAME}, prefix ${config.queuePrefix}, concurrency ${config.workerConcurrency}, ${WORKER_IDENTITY}`);
  saveCompileCache();
}

/** Runs a worker until it is signalled to stop; a start that fails exits with its code. */
export async function runWorker(faults?: GenerationFaults): Promise<void> {
  try {
    await main(loadConfig(), faults);
  } catch (error) {
    const failure = describeStartFailure(error);
    console.error(`tourney worker: ${failure.message}`);
    process.exit(failure.code);
  }
}
