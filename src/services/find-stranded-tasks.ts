import type { Store } from './ports.ts';

/**
 * Generation tasks that should be on the queue by now and are not finished: queued or running
 * for longer than `olderThanMs`. The caller checks each against the queue, which may have lost
 * its job (a Redis restarted without persistence, a failover), and queues it again.
 */
export async function findStrandedTasks(store: Store, olderThanMs: number, limit = 500): Promise<{ taskId: string; tournamentId: number }[]> {
  const rows = await store.tasks.unfinished(olderThanMs, limit);
  return rows.map((r) => ({ taskId: r.id, tournamentId: Number(r.tournamentId) }));
}
