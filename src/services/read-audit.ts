import type { AuditRecord, Store } from './ports.ts';
import { getTournamentRecord } from './load-tournament.ts';

/** A tournament's audit log, newest first, or one session's history. */
export async function readAudit(store: Store, tournamentId: number, query: { sessionId?: string; limit: number; beforeId?: number }): Promise<AuditRecord[]> {
  await getTournamentRecord(store, tournamentId);
  return store.audit.list(tournamentId, query);
}
