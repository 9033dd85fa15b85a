/**
 * `lifecycle`: launch → sessions → results → rankings → COMPLETED, with one stage bar that
 * redraws itself on a terminal and prints plain lines elsewhere (CI logs).
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import type { Operations } from './operations.ts';

const STAGES = ['launch', 'sessions', 'results', 'rankings', 'complete'] as const;

function stageBar(done: number, label: string, elapsedMs: number): void {
  const width = 20;
  const filled = Math.round((done / STAGES.length) * width);
  const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${STAGES.length} ${label} (${(elapsedMs / 1000).toFixed(2)} s)`;
  if (process.stdout.isTTY) process.stdout.write(`\r\x1b[2K${line}`);
  else console.log(line);
}

export async function runLifecycle(ops: Operations, args: { players: number; format: string; seed: number; timeoutMs: number }): Promise<void> {
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
  const launched = await timed('launch', () => ops.launch({ players: args.players, format: args.format, seed: args.seed }));
  stageBar(1, `generating ${launched.mode === 'async' ? `(task ${launched.taskId})` : ''}`, elapsed());
  await timed('sessions', async () => {
    const deadline = performance.now() + args.timeoutMs;
    for (;;) {
      const status = await ops.generationStatus(launched.tournamentId, launched.taskId);
      if (status.status === 'done') return status;
      if (status.status === 'error') throw new Error(`generation failed: ${status.error}`);
      if (performance.now() > deadline) throw new Error(`generation not done after ${args.timeoutMs / 1000} s (status ${status.status}); is a worker running?`);
      stageBar(1, `generating: ${status.status}`, elapsed());
      await delay(50);
    }
  });
  stageBar(2, 'simulating results', elapsed());
  const simulated = await timed('results', () => ops.simulate(launched.tournamentId, args.seed));
  stageBar(3, 'calculating rankings', elapsed());
  const ranked = await timed('rankings', () => ops.rank(launched.tournamentId));
  stageBar(4, 'completing', elapsed());
  await timed('complete', () => ops.complete(launched.tournamentId));
  stageBar(5, 'COMPLETED', elapsed());
  if (process.stdout.isTTY) process.stdout.write('\n');
  console.log(`tournament ${launched.tournamentId} (${args.format}, ${args.players} players, ${launched.mode}): ` +
    `${simulated.sessionsCount} sessions, ${ranked.rankingsCount} rankings`);
  console.log(STAGES.map((s) => `${s} ${timings[s].toFixed(1)} ms`).join(' | ') + ` | total ${elapsed().toFixed(1)} ms`);
}
