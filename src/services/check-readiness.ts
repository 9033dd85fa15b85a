import type { ServiceContext } from './context.ts';

export type DependencyState = 'ok' | 'unreachable';

export interface Readiness {
  ready: boolean;
  database: DependencyState;
  queue: DependencyState;
}

/** How long each dependency may take to answer before it counts as unreachable. */
export const READINESS_DEADLINE_MS = 2_000;

/** Asks each dependency whether it answers now, all at once, within the deadline. */
export async function checkReadiness(ctx: Pick<ServiceContext, 'store' | 'queue'>): Promise<Readiness> {
  const [database, queue] = await Promise.all([
    ctx.store.ping(READINESS_DEADLINE_MS),
    ctx.queue.available ? ctx.queue.available() : Promise.resolve(true),
  ]);
  const state = (ok: boolean): DependencyState => (ok ? 'ok' : 'unreachable');
  return { ready: database && queue, database: state(database), queue: state(queue) };
}
