/**
 * What PostgreSQL's own cumulative statistics say was written to a database. PostgreSQL 15
 * keeps each backend's counts pending and flushes them lazily (at most once a second, and
 * within 10 s of going idle) but always when the backend exits: read these after the
 * processes whose writes you count have closed their connections.
 */
import type pg from 'pg';

export interface TableWrites {
  inserted: number;
  updated: number;
  deleted: number;
}

export interface DatabaseWriteStatistics {
  /** pg_stat_database: every table, the system catalogs included. */
  database: TableWrites & { commits: number; rollbacks: number };
  /** pg_stat_user_tables, by schema-qualified table name. */
  tables: Record<string, TableWrites>;
}

export async function readWriteStatistics(db: pg.Pool | pg.Client): Promise<DatabaseWriteStatistics> {
  await db.query('select pg_stat_clear_snapshot()');
  const d = await db.query<{ ins: string; upd: string; del: string; commits: string; rollbacks: string }>(`
    select tup_inserted as ins, tup_updated as upd, tup_deleted as del, xact_commit as commits, xact_rollback as rollbacks
    from pg_stat_database where datname = current_database()`);
  const t = await db.query<{ name: string; ins: string; upd: string; del: string }>(`
    select schemaname || '.' || relname as name, n_tup_ins as ins, n_tup_upd as upd, n_tup_del as del
    from pg_stat_user_tables order by 1`);
  const row = d.rows[0];
  return {
    database: {
      inserted: Number(row.ins), updated: Number(row.upd), deleted: Number(row.del),
      commits: Number(row.commits), rollbacks: Number(row.rollbacks),
    },
    tables: Object.fromEntries(t.rows.map((r) => [r.name, { inserted: Number(r.ins), updated: Number(r.upd), deleted: Number(r.del) }])),
  };
}

export const rowsOf = (w: TableWrites) => w.inserted + w.updated + w.deleted;

/** Per-table and database-wide writes between two readings. */
export function statisticsBetween(before: DatabaseWriteStatistics, after: DatabaseWriteStatistics): DatabaseWriteStatistics {
  const minus = (a: TableWrites, b: TableWrites | undefined): TableWrites => ({
    inserted: a.inserted - (b?.inserted ?? 0),
    updated: a.updated - (b?.updated ?? 0),
    deleted: a.deleted - (b?.deleted ?? 0),
  });
  const tables: Record<string, TableWrites> = {};
  for (const [name, w] of Object.entries(after.tables)) {
    const diff = minus(w, before.tables[name]);
    if (rowsOf(diff) !== 0) tables[name] = diff;
  }
  return {
    database: {
      ...minus(after.database, before.database),
      commits: after.database.commits - before.database.commits,
      rollbacks: after.database.rollbacks - before.database.rollbacks,
    },
    tables,
  };
}

/**
 * Write statements by pg_stat_statements, when the server preloads it (the throwaway servers
 * the harness starts do); null when it is not available.
 */
export async function pgStatStatementsAvailable(db: pg.Pool | pg.Client): Promise<boolean> {
  const { rows } = await db.query<{ preload: string }>(`select current_setting('shared_preload_libraries') as preload`);
  if (!rows[0].preload.split(',').map((s) => s.trim()).includes('pg_stat_statements')) return false;
  await db.query('create extension if not exists pg_stat_statements');
  return true;
}

/** Executions of INSERT, UPDATE, DELETE, MERGE and COPY statements in this database so far. */
export async function pgStatStatementsWrites(db: pg.Pool | pg.Client): Promise<{ statements: number; rows: number }> {
  const { rows } = await db.query<{ calls: string | null; rows: string | null }>(`
    select sum(s.calls) as calls, sum(s.rows) as rows
    from pg_stat_statements s join pg_database d on d.oid = s.dbid
    where d.datname = current_database() and s.toplevel
      and (s.query ~* '^\\s*(insert|update|delete|merge)\\s' or s.query ~* '^\\s*copy\\s.*\\sfrom\\s'
        or s.query ~* '^\\s*with\\s.*(insert\\s+into|update\\s+\\S+\\s+set|delete\\s+from)\\s')`);
  return { statements: Number(rows[0].calls ?? 0), rows: Number(rows[0].rows ?? 0) };
}
