/**
 * The command line: the same use-cases as the API, for operators at a terminal.
 *
 *   npm run cli -- migrate
 *   npm run cli -- create-user --email ops@example.org --role operator [--password …]
 *   npm run cli -- lifecycle --players 1024 [--format knockout] [--seed 1]
 *
 * It reads the same configuration as the server (DATABASE_URL, REDIS_URL, …). Without REDIS_URL
 * queued generation runs inside this process; with it, a worker must be running.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { DomainError } from './domain/errors.ts';
import { BullMqQueue } from './jobs/bullmq-queue.ts';
import { InProcessQueue } from './jobs/in-process-queue.ts';
import { calculateRankings } from './services/calculate-rankings.ts';
import { completeTournament } from './services/complete-tournament.ts';
import type { ServiceContext } from './services/context.ts';
import { getGenerationStatus } from './services/get-generation-status.ts';
import { launchScenario } from './services/launch-scenario.ts';
import { createUser } from './services/manage-users.ts';
import { generatePassword } from './services/passwords.ts';
import { simulateResults } from './services/simulate-results.ts';
import { randomIds, systemClock } from './services/system-ports.ts';
import { openDatabase } from './storage/database.ts';
import { SqlStore } from './storage/store.ts';

const USAGE = `usage: npm run cli -- <command> [options]
  migrate                                   apply pending migrations and exit
  create-user --email E --role R [--password P]
                                            R: admin, operator or viewer; a missing password is generated and printed once
  lifecycle --players N [--format F] [--seed S] [--timeout-s T]
                                            launch → sessions → results → rankings → COMPLETED, with progress`;

const STAGES = ['launch', 'sessions', 'results', 'rankings', 'complete'] as const;

/** One line that redraws itself on a terminal, and plain lines elsewhere (CI logs). */
function stageBar(done: number, label: string, elapsedMs: number): void {
  const width = 20;
  const filled = Math.round((done / STAGES.length) * width);
  const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${STAGES.length} ${label} (${(elapsedMs / 1000).toFixed(2)} s)`;
  if (process.stdout.isTTY) process.stdout.write(`\r\x1b[2K${line}`);
  else console.log(line);
}

async function lifecycle(ctx: ServiceContext, args: { players: number; format: string; seed: number; timeoutMs: number }) {
  const start = performance.now();
  const elapsed = () => performance.now() - start;
  const timings: Record<string, number> = {};
  const timed = async <T>(stage: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const value = await work();
    timings[stage] = performance.now() - t0;
    return value;
  };

  stageBar(0, 'launching', elapsed());
  const launched = await timed('launch', () =>
    launchScenario(ctx, { playerCount: args.players, format: args.format, seed: args.seed, simulate: false, confirmed: true }));
  stageBar(1, `generating ${launched.mode === 'async' ? `(task ${launched.taskId})` : ''}`, elapsed());
  await timed('sessions', async () => {
    const deadline = performance.now() + args.timeoutMs;
    for (;;) {
      const status = await getGenerationStatus(ctx.store, launched.tournamentId, launched.taskId);
      if (status.status === 'done') return status;
      if (status.status === 'error') throw new Error(`generation failed: ${status.error}`);
      if (performance.now() > deadline) throw new Error(`generation not done after ${args.timeoutMs / 1000} s (status ${status.status}); is a worker running?`);
      stageBar(1, `generating: ${status.status}`, elapsed());
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  stageBar(2, 'simulating results', elapsed());
  const simulated = await timed('results', () => simulateResults(ctx.store, launched.tournamentId, args.seed));
  stageBar(3, 'calculating rankings', elapsed());
  const ranked = await timed('rankings', () => calculateRankings(ctx.store, launched.tournamentId));
  stageBar(4, 'completing', elapsed());
  await timed('complete', () => completeTournament(ctx.store, launched.tournamentId));
  stageBar(5, 'COMPLETED', elapsed());
  if (process.stdout.isTTY) process.stdout.write('\n');
  console.log(`tournament ${launched.tournamentId} (${args.format}, ${args.players} players, ${launched.mode}): ` +
    `${simulated.sessionsCount} sessions, ${ranked.rankingsCount} rankings`);
  console.log(STAGES.map((s) => `${s} ${timings[s].toFixed(1)} ms`).join(' | ') + ` | total ${elapsed().toFixed(1)} ms`);
}

async function main(config: Config, argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      players: { type: 'string' },
      format: { type: 'string', default: 'knockout' },
      seed: { type: 'string', default: '1' },
      'timeout-s': { type: 'string', default: '600' },
    },
    strict: true,
  });
  if (!command || !['migrate', 'create-user', 'lifecycle'].includes(command)) throw new UsageError(USAGE);

  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const store = new SqlStore(database.db);
  try {
    if (command === 'migrate') {
      console.log(`migrations applied (${database.kind})`);
      return;
    }
    if (command === 'create-user') {
      const role = values.role;
      if (!values.email || (role !== 'admin' && role !== 'operator' && role !== 'viewer')) {
        throw new UsageError('create-user needs --email and --role admin|operator|viewer');
      }
      const password = values.password ?? generatePassword();
      const user = await createUser(store, { email: values.email, password, role });
      console.log(`created ${user.role} ${user.email}${values.password ? '' : `; password (shown once): ${password}`}`);
      return;
    }
    const players = Number(values.players);
    if (!Number.isInteger(players)) throw new UsageError('lifecycle needs --players, an integer');
    const seed = Number(values.seed);
    const ctx: ServiceContext = { store, queue: undefined as never, clock: systemClock, ids: randomIds, asyncThreshold: config.asyncThreshold };
    ctx.queue = config.redisUrl ? new BullMqQueue({ redisUrl: config.redisUrl, prefix: config.queuePrefix }) : new InProcessQueue(() => ctx);
    try {
      await lifecycle(ctx, { players, format: values.format!, seed, timeoutMs: Number(values['timeout-s']) * 1000 });
    } finally {
      await ctx.queue.close();
    }
  } finally {
    await database.close();
  }
}

class UsageError extends Error {}

try {
  await main(loadConfig(), process.argv.slice(2));
} catch (error) {
  if (process.stdout.isTTY) process.stdout.write('\n');
  if (error instanceof ConfigError) {
    console.error(`tourney: configuration error: ${error.message}`);
    process.exit(78);
  }
  if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
    console.error(error.message);
    process.exit(64);
  }
  if (error instanceof DomainError) {
    console.error(`tourney: ${error.message}`);
    process.exit(1);
  }
  console.error('tourney: failed:', error instanceof Error ? error.message : error);
  process.exit(1);
}
