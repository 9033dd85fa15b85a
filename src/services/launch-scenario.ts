import { ValidationError } from '../domain/errors.ts';
import { getFormat } from '../domain/formats/registry.ts';
import { assertTransition } from '../domain/lifecycle.ts';
import { calculateRankings } from './calculate-rankings.ts';
import type { ServiceContext } from './context.ts';
import { generateSessions } from './generate-sessions.ts';
import { ensureQueueAvailable, publishGeneration, recordGenerationTask } from './queue-generation.ts';
import { DEFAULT_SIMULATION_SEED, simulateResults } from './simulate-results.ts';

export interface ScenarioInput {
  playerCount: number;
  format: string;
  name?: string;
  seed?: number;
  settings?: Record<string, unknown>;
  simulate: boolean;
  confirmed?: boolean;
}

export interface ScenarioOutcome {
  tournamentId: number;
  taskId: string;
  mode: 'sync' | 'async';
  enrolledCount: number;
  sessionsCount: number;
  rankingsCount: number;
  timingsMs: Record<string, number>;
}

export const SYNC_TASK_ID = 'sync-done';

/**
 * The OPS scenario: a tournament of synthetic players, enrolled and started. Under the
 * async threshold it is generated, played and ranked in this call, in one transaction;
 * from the threshold up generation is queued and the call answers at once.
 */
export async function launchScenario(ctx: ServiceContext, input: ScenarioInput): Promise<ScenarioOutcome> {
  const format = getFormat(input.format);
  // Checked now, stored as sent: every later step parses them again with the format.
  const settingsRecord = input.settings ?? {};
  format.validate(input.playerCount, settingsRecord);
  const async = input.playerCount >= ctx.asyncThreshold;
  if (async && input.confirmed !== true) {
    throw new ValidationError(
      'confirmed',
      `must be true to launch ${input.playerCount} players: from ${ctx.asyncThreshold} players generation runs on the background workers`,
    );
  }
  // The scenario walks the lifecycle in one step; the table still has to allow each move.
  assertTransition('DRAFT', 'ENROLLMENT_OPEN');
  assertTransition('ENROLLMENT_OPEN', 'IN_PROGRESS');
  const name = input.name ?? `${input.format} scenario, ${input.playerCount} players`;
  const timings: Record<string, number> = {};
  const started = ctx.clock.monotonic();
  const stage = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const t0 = ctx.clock.monotonic();
    const value = await work();
    timings[label] = Math.round((ctx.clock.monotonic() - t0) * 1000) / 1000;
    return value;
  };

  if (!async) {
    const outcome = await ctx.store.transaction(async (tx) => {
      const tournament = await stage('create', () =>
        tx.tournaments.create({ name, format: format.name, settings: settingsRecord, status: 'IN_PROGRESS', synthetic: true }));
      const enrolled = await stage('enroll', () => tx.players.createAndEnrollSynthetic(tournament.id, input.playerCount));
      const generated = await stage('generate', () => generateSessions({ store: tx, clock: ctx.clock }, tournament.id));
      let sessionsCount = generated.sessionsCount;
      let rankingsCount = 0;
      if (input.simulate) {
        sessionsCount = (await stage('simulate', () => simulateResults(tx, tournament.id, input.seed ?? DEFAULT_SIMULATION_SEED))).sessionsCount;
        rankingsCount = (await stage('rank', () => calculateRankings(tx, tournament.id))).rankingsCount;
      }
      return { tournamentId: tournament.id, enrolled, sessionsCount, rankingsCount };
    });
    timings.total = Math.round((ctx.clock.monotonic() - started) * 1000) / 1000;
    return {
      tournamentId: outcome.tournamentId,
      taskId: SYNC_TASK_ID,
      mode: 'sync',
      enrolledCount: outcome.enrolled,
      sessionsCount: outcome.sessionsCount,
      rankingsCount: outcome.rankingsCount,
      timingsMs: timings,
    };
  }

  // Refused before anything is written when the queue is down: a launch that cannot be
  // queued creates nothing. Tournament, players and task record then commit together.
  await ensureQueueAvailable(ctx.queue);
  const created = await stage('create', () =>
    ctx.store.transaction(async (tx) => {
      const tournament = await tx.tournaments.create({ name, format: format.name, settings: settingsRecord, status: 'IN_PROGRESS', synthetic: true });
      const enrolled = await tx.players.createAndEnrollSynthetic(tournament.id, input.playerCount);
      const taskId = await recordGenerationTask(ctx, tx, tournament.id);
      return { tournamentId: tournament.id, enrolled, taskId };
    }));
  const taskId = created.taskId;
  await stage('enqueue', () => publishGeneration(ctx.queue, created.tournamentId, taskId));
  timings.total = Math.round((ctx.clock.monotonic() - started) * 1000) / 1000;
  return {
    tournamentId: created.tournamentId,
    taskId,
    mode: 'async',
    enrolledCount: created.enrolled,
    sessionsCount: 0,
    rankingsCount: 0,
    timingsMs: timings,
  };
}
