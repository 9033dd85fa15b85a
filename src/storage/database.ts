/**
 * The connection factory: PostgreSQL through `pg` when a URL is given, else the embedded
 * PGlite in a data directory (or in memory). Same schema, same migrations, same repositories.
 *
 * PostgreSQL connections come and go (restarts, failovers): every client has an error
 * listener from the moment it exists, so a lost connection fails the statements that used
 * it (Store turns that into a 503 `database_unavailable`) and never the process. A data
 * directory is opened by one process only (see data-dir-lock.ts).
 */
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package-root.ts';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Logger } from '../services/ports.ts';
import { acquireDataDirLock, type DataDirLock, type OwnerRole } from './data-dir-lock.ts';
import { classifyDatabaseError } from './database-faults.ts';
import * as schema from './schema.ts';

/** What both drivers return from execute(): the rows, and how many a write touched. */
interface RowsResultHKT extends PgQueryResultHKT {
  type: { rows: Record<string, unknown>[]; rowCount?: number | null; affectedRows?: number };
}

export type Db = PgDatabase<RowsResultHKT, typeof schema>;

/** Rows a write touched, as either driver reports it. */
export function affectedRows(result: { rowCount?: number | null; affectedRows?: number }): number {
  return result.rowCount ?? result.affectedRows ?? 0;
}

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** The embedded database's ownership of its data directory (null on PostgreSQL or in memory). */
  lock: DataDirLock | null;
  close(): Promise<void>;
}

/** Where the database layer reports an outage (once) and its end. */
export type DatabaseLog = Pick<Logger, 'warn' | 'info'>;

export interface DatabaseOptions {
  /** postgres:// URL; unset means the embedded PGlite. */
  databaseUrl?: string;
  /** Where PGlite keeps its files; unset with no URL means in memory. */
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /** How long a new connection may take (DATABASE_CONNECT_TIMEOUT_MS); also the longest wait for a free pool slot. */
  connectTimeoutMs?: number;
  /** Longest a statement may run on PostgreSQL (DATABASE_STATEMENT_TIMEOUT_MS); 0 for no limit. */
  statementTimeoutMs?: number;
  /** Who opens an embedded data directory, for the lock (and the message a second process gets). */
  owner?: OwnerRole;
  log?: DatabaseLog;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 300_000;
// A transaction left open by a process that hangs would hold its row locks for ever.
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

const migrationsFolder = path.join(packageRoot(), 'src/storage/migrations');

/**
 * The newest migration as drizzle records it once applied: its journal time and the sha256 of
 * its SQL file. A database whose newest record is this one is current, which one query tells,
 * so a start with nothing to migrate reads one small file and skips the migrator (its
 * CREATE … IF NOT EXISTS statements, its transaction, on PostgreSQL its advisory lock).
 */
export function newestMigration(folder = migrationsFolder): { hash: string; createdAt: number } {
  const journal = JSON.parse(readFileSync(path.join(folder, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
  const last = journal.entries[journal.entries.length - 1]!;
  return { hash: createHash('sha256').update(readFileSync(path.join(folder, `${last.tag}.sql`))).digest('hex'), createdAt: last.when };
}

const NEWEST_APPLIED = 'select hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1';

/** True when the newest applied migration is the newest one here; false (and the migrator runs) on anything else, a missing table included. */
async function migrationsCurrent(query: (text: string) => Promise<{ rows: Record<string, unknown>[] }>): Promise<boolean> {
  const newest = newestMigration();
  try {
    const row = (await query(NEWEST_APPLIED)).rows[0];
    return row !== undefined && row.hash === newest.hash && Number(row.created_at) === newest.createdAt;
  } catch {
    return false;
  }
}

// Any constant will do; it only has to be the same in every process that migrates.
const MIGRATION_LOCK_KEY = 7_263_001;

// bigint columns (ids, counts) come back as numbers: every id here stays far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

/**
 * Start could not open the database. `configuration` says the settings are wrong (exit 78:
 * a URL that is not PostgreSQL, bad credentials, no such database) rather than the server
 * being down for now.
 */
export class DatabaseStartError extends Error {
  constructor(message: string, readonly configuration: boolean) {
    super(message);
  }
}

/**
 * A database being opened: its handle at once, to be used once `ready` (open and migrated)
 * resolves. If `ready` rejects, the database is closed (and an embedded one's lock let go).
 */
export interface OpeningDatabase {
  database: Database;
  ready: Promise<void>;
}

/** Opens the database and applies pending migrations (serialized across processes on PostgreSQL). */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const { database, ready } = await startDatabase(options);
  await ready;
  return database;
}

/**
 * Starts opening the database and gives its handle before it is ready, so a caller can go on
 * meanwhile (the server builds its app while PGlite compiles its WebAssembly and boots).
 * Rejects for what fails at once (the data directory held by another process).
 */
export async function startDatabase(options: DatabaseOptions): Promise<OpeningDatabase> {
  const opening = options.databaseUrl ? startPostgres(options.databaseUrl, options) : await startPgliteLocked(options);
  // Awaited by the caller later: no unhandled rejection meanwhile.
  opening.ready.catch(() => undefined);
  return opening;
}

async function startPgliteLocked(options: DatabaseOptions): Promise<OpeningDatabase> {
  // Taken before anything reads the files: a second process is refused before it can do harm.
  const lock = options.dataDir ? acquireDataDirLock(options.dataDir, options.owner ?? 'server') : null;
  try {
    return await startPglite(options.dataDir, lock);
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/**
 * PostgreSQL settings of the embedded database, after PGlite's own. shared_buffers lives in
 * PGlite's WebAssembly memory, which a million-row tournament fills whole and which is never
 * given back: 32 MB instead of PostgreSQL's 128 MB took the peak RSS of the PGlite million-player
 * knockout from a median of 709 to 604 MiB and the league 1,024 from 663 to 575 MiB, at the same
 * speed (pages evicted go to the data directory's files, which the OS caches). See
 * docs/scaling.md, "PGlite memory".
 */
const PGLITE_SETTINGS = ['-c', 'shared_buffers=32MB'];

async function startPglite(dataDir: string | undefined, lock: DataDirLock | null): Promise<OpeningDatabase> {
  // Loaded only for the embedded database: servers and workers on PostgreSQL start faster without it.
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  let dataPath: string | undefined;
  if (dataDir) {
    dataPath = path.join(dataDir, 'pgdata');
    mkdirSync(dataPath, { recursive: true });
    await createPgliteCluster(dataPath);
  }
  const options = { startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS] };
  const client = dataPath ? new PGlite(dataPath, options) : new PGlite(options);
  const database: Database = {
    db: drizzlePglite({ client, schema }) as unknown as Db,
    kind: 'pglite',
    lock,
    close: async () => {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
  const ready = (async () => {
    try {
      await client.waitReady;
      if (!(await migrationsCurrent((text) => client.query(text)))) await migratePglite(drizzlePglite({ client }), { migrationsFolder });
    } catch (error) {
      await client.close().catch(() => undefined);
      lock?.release();
      throw error;
    }
  })();
  return { database, ready };
}

/**
 * Makes a fresh data directory's cluster (initdb) in a child process, once. PGlite runs initdb
 * in two more WebAssembly instances of its own, whose memory (~520 MB) a process with a small
 * JavaScript heap keeps until a garbage collection that may not come for many seconds: a
 * server that made its cluster itself was at 815 MB RSS when ready instead of 295 MB, and its
 * first million-player run peaked above 900 MB. The child's memory goes back with it.
 */
async function createPgliteCluster(dataPath: string): Promise<void> {
  if (existsSync(path.join(dataPath, 'PG_VERSION'))) return;
  // Resolved from the package root, as this process resolves it.
  const script = "const { PGlite } = await import('@electric-sql/pglite'); const db = new PGlite(process.argv[1]); await db.waitReady; await db.close();";
  const child = spawn(process.execPath, ['--input-type=module', '--eval', script, path.resolve(dataPath)], { cwd: packageRoot(), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr = (stderr + text).slice(-4000);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode, signal) => resolve(signal ? null : exitCode));
  });
  if (code !== 0) throw new Error(`creating the embedded database in ${dataPath} failed (exit ${code ?? 'by signal'}): ${stderr.trim()}`);
}

function where(databaseUrl: string): string {
  try {
    const u = new URL(databaseUrl);
    return `${u.hostname || 'localhost'}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/** Says once that the database went away and once that it is back. */
function outageReporter(databaseUrl: string, log?: DatabaseLog) {
  let down = false;
  return {
    fault(error: Error) {
      if (down || classifyDatabaseError(error) !== 'lost') return;
      down = true;
      log?.warn({ database: where(databaseUrl), err: error.message }, 'lost the connection to PostgreSQL: requests answer 503 database_unavailable and jobs wait until it is back');
    },
    connected() {
      if (!down) return;
      down = false;
      log?.info({ database: where(databaseUrl) }, 'PostgreSQL is back');
    },
  };
}

function startPostgres(databaseUrl: string, options: DatabaseOptions): OpeningDatabase {
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  // The pool connects on its first statement; the migrations (and the messages that say what
  // is wrong with DATABASE_URL) come first, on a connection of their own.
  const database = postgresPool(databaseUrl, options, connectTimeoutMs, statementTimeoutMs);
  const ready = migratePostgres(databaseUrl, connectTimeoutMs).catch(async (error: unknown) => {
    await database.close().catch(() => undefined);
    throw error;
  });
  return { database, ready };
}

function postgresPool(databaseUrl: string, options: DatabaseOptions, connectTimeoutMs: number, statementTimeoutMs: number): Database {
  const outages = outageReporter(databaseUrl, options.log);
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: connectTimeoutMs,
    statement_timeout: statementTimeoutMs > 0 ? statementTimeoutMs : undefined,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
    // A peer that vanished without closing the socket is noticed instead of waited on for ever.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    application_name: `tourney ${options.owner ?? 'server'}`,
  });
  // Idle clients report errors to the pool; a checked-out client only to its own listeners,
  // and an 'error' event nobody listens to ends the process. So every client gets one for life.
  pool.on('error', (error) => outages.fault(error));
  pool.on('connect', (client) => {
    client.on('error', (error) => outages.fault(error));
    outages.connected();
  });
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  // Drizzle's pool transaction does not release its client when BEGIN itself fails (a
  // connection lost between checkout and BEGIN), which would leak one pool slot per outage;
  // this one always releases it, and discards it when its connection broke.
  (db as { transaction: unknown }).transaction = async <T>(work: (tx: Db) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      const onClient = drizzlePg({ client, schema }) as unknown as Db;
      return await onClient.transaction((tx) => work(tx as unknown as Db));
    } catch (error) {
      if (classifyDatabaseError(error) !== null) broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      client.release(broken);
    }
  };
  return { db, kind: 'postgres', lock: null, close: () => pool.end() };
}

/**
 * Connects once for the migrations, turning the ways that can fail at start into messages
 * that say what to fix: nothing listening, something that is not PostgreSQL, bad credentials.
 */
async function migratePostgres(databaseUrl: string, connectTimeoutMs: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: connectTimeoutMs, application_name: 'tourney migrate' });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw startError(databaseUrl, connectTimeoutMs, error);
  }
  let locked = false;
  try {
    if (await migrationsCurrent((text) => client.query(text))) return;
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    locked = true;
    // The migrator looks again under the lock: another process may have migrated meanwhile.
    await migratePg(drizzlePg({ client }), { migrationsFolder });
  } finally {
    if (locked) await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

function startError(databaseUrl: string, connectTimeoutMs: number, error: unknown): DatabaseStartError {
  const at = where(databaseUrl);
  const e = error as { code?: string; message?: string };
  const reason = e?.message ?? String(error);
  switch (e?.code) {
    case 'ECONNREFUSED':
      return new DatabaseStartError(`PostgreSQL at ${at} refused the connection (${reason}); is it running? (DATABASE_URL)`, false);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new DatabaseStartError(`DATABASE_URL names a host that does not resolve (${at}): ${reason}`, true);
    case '28P01':
    case '28000':
      return new DatabaseStartError(`PostgreSQL at ${at} refused the credentials in DATABASE_URL: ${reason}`, true);
    case '3D000':
      return new DatabaseStartError(`DATABASE_URL names a database that does not exist (${at}): ${reason}; create it first`, true);
    case '57P03':
      return new DatabaseStartError(`PostgreSQL at ${at} is not accepting connections yet (${reason}); try again shortly`, false);
    default:
      // Silence, or a reply PostgreSQL would never send: something else listens there.
      if (/timeout/i.test(reason)) {
        return new DatabaseStartError(
          `DATABASE_URL (${at}) did not answer as PostgreSQL within ${connectTimeoutMs} ms (DATABASE_CONNECT_TIMEOUT_MS); check the host and port`,
          true,
        );
      }
      return new DatabaseStartError(`DATABASE_URL (${at}) does not lead to PostgreSQL (${reason}); check the host and port`, true);
  }
}
