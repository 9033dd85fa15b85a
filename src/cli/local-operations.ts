/**
 * The command line's operations as use-cases in this process, on the configured database:
 * PostgreSQL (shared with any number of servers and workers) or the embedded database, which
 * this process then owns for as long as it runs.
 */
import type { Config } from '../config.ts';
import { BullMqQueue } from '../jobs/bullmq-queue.ts';
import { InProcessQueue } from '../jobs/in-process-queue.ts';
import { calculateRankings } from '../services/calculate-rankings.ts';
import { completeTournament } from '../services/complete-tournament.ts';
import type { ServiceContext } from '../services/context.ts';
import { getGenerationStatus } from '../services/get-generation-status.ts';
import { launchScenario } from '../services/launch-scenario.ts';
import { createUser } from '../services/manage-users.ts';
import type { JobQueue } from '../services/ports.ts';
import { simulateResults } from '../services/simulate-results.ts';
import { randomIds, systemClock } from '../services/system-ports.ts';
import { openDatabase } from '../storage/database.ts';
import { SqlStore } from '../storage/store.ts';
import type { Operations } from './operations.ts';

export async function openLocalOperations(config: Config): Promise<Operations> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    owner: 'cli',
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
  });
  const store = new SqlStore(database.db);
  let queue: JobQueue | undefined;
  const ctx = (): ServiceContext => {
    if (!queue) {
      // Without REDIS_URL generation runs in this process; with it, a worker must be running.
      queue = config.redisUrl ? new BullMqQueue({ redisUrl: config.redisUrl, prefix: config.queuePrefix }) : new InProcessQueue(ctx);
    }
    return { store, queue, clock: systemClock, ids: randomIds, asyncThreshold: config.asyncThreshold };
  };
  return {
    target: database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `the embedded database in ${config.dataDir}`,
    migrate: async () => `migrations applied (${database.kind})`,
    createUser: (input) => createUser(store, input),
    launch: async (input) => {
      const outcome = await launchScenario(ctx(), { playerCount: input.players, format: input.format, seed: input.seed, simulate: false, confirmed: true });
      return { tournamentId: outcome.tournamentId, taskId: outcome.taskId, mode: outcome.mode };
    },
    generationStatus: (tournamentId, taskId) => getGenerationStatus(store, tournamentId, taskId),
    simulate: (tournamentId, seed) => simulateResults(store, tournamentId, seed),
    rank: (tournamentId) => calculateRankings(store, tournamentId),
    complete: async (tournamentId) => {
      await completeTournament(store, tournamentId);
    },
    close: async () => {
      try {
        await queue?.close();
      } finally {
        await database.close();
      }
    },
  };
}
