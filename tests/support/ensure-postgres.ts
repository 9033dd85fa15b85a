/**
 * Finds a PostgreSQL for the run: DATABASE_URL, else the default port; where none answers,
 * creates a throwaway cluster (initdb) in a temporary directory and runs it on a free port.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { BackingService } from './backing-service.ts';
import { freePort } from './free-port.ts';
import { RUN_MARKER, startProcess, type ManagedProcess } from './managed-process.ts';
import { ensurePrograms, findProgram } from './system-packages.ts';
import { StopWaiting, waitFor } from './wait-for.ts';

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The same server and role, on its `postgres` maintenance database (where CREATE DATABASE runs). */
export function maintenanceUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

/** Whether PostgreSQL at `url` answers and lets this role create databases; the reason when not. */
export async function postgresUsable(url: string, timeoutMs = 1_500): Promise<true | string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ ok: boolean }>('select (rolcreatedb or rolsuper) as ok from pg_roles where rolname = current_user');
    return rows[0]?.ok ? true : 'the role may not create databases';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function idOf(user: string, flag: '-u' | '-g'): number | null {
  try {
    return Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
  } catch {
    return null;
  }
}

export interface ThrowawayPostgres extends BackingService {
  port: number;
  /** The running postgres process (a new one after each resume). */
  process: ManagedProcess;
  /** Fast shutdown (SIGINT: sessions are ended, as `pg_ctl stop -m fast`), keeping the data. */
  halt(): Promise<void>;
  /** Starts it again on the same port and data, and waits until it answers. */
  resume(): Promise<void>;
}

/**
 * initdb in a temporary directory, then `postgres` on a free port (trust authentication,
 * loopback only, no fsync: it holds test data for one run). As root it runs as the
 * `postgres` system user, because PostgreSQL refuses to run as root. halt() and resume()
 * restart it on the same port and data, for the fault tests.
 */
export async function startThrowawayPostgres(options: { runId: string; logDir: string; name?: string }): Promise<ThrowawayPostgres> {
  const programs = ensurePrograms(['initdb', 'postgres'], 'no PostgreSQL answers, so a throwaway one is needed');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  let uid: number | undefined;
  let gid: number | undefined;
  if (isRoot) {
    uid = idOf('postgres', '-u') ?? undefined;
    gid = idOf('postgres', '-g') ?? undefined;
    if (uid === undefined || gid === undefined) {
      throw new Error('a throwaway PostgreSQL cannot run as root and there is no "postgres" user to run it as; install the postgresql package (apt-get install -y postgresql), which creates it');
    }
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tourney-postgres-'));
  if (uid !== undefined && gid !== undefined) chownSync(dir, uid, gid);
  const dataDir = path.join(dir, 'data');
  const env = { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C', [RUN_MARKER]: options.runId };
  try {
    execFileSync(programs.initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'], {
      uid, gid, env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = error && typeof error === 'object' && 'stderr' in error ? String(error.stderr) : '';
    throw new Error(`initdb failed: ${stderr || String(error)}`);
  }
  // pg_stat_statements makes the write-statement count come from PostgreSQL itself.
  const libDir = path.join(path.dirname(path.dirname(realpathSync(programs.postgres))), 'lib');
  const preload = existsSync(path.join(libDir, 'pg_stat_statements.so')) ? ['-c', 'shared_preload_libraries=pg_stat_statements'] : [];
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const name = options.name ?? 'postgres';
  const launch = async (): Promise<ManagedProcess> => {
    const child = startProcess({
      name,
      command: programs.postgres,
      args: ['-D', dataDir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off',
        '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200', ...preload],
      env,
      cwd: dir,
      logDir: options.logDir,
      uid,
      gid,
    });
    await waitFor(async () => {
      if (!child.alive) throw new StopWaiting(`postgres exited: ${child.tail(20)}`);
      return (await postgresUsable(url, 500)) === true;
    }, { timeout: 30_000, interval: 100, what: `the throwaway PostgreSQL on port ${port}` });
    return child;
  };
  // An interrupted run (Ctrl-C) still leaves no directory behind; the process itself is killed on exit.
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeDir);
  let child: ManagedProcess;
  try {
    child = await launch();
  } catch (error) {
    process.off('exit', removeDir);
    removeDir();
    throw error;
  }
  const service: ThrowawayPostgres = {
    url, port, throwaway: true, source: 'throwaway',
    get process() {
      return child;
    },
    async halt() {
      // SIGINT is PostgreSQL's fast shutdown: sessions are ended, then it exits cleanly.
      await child.stop('SIGINT', 10_000);
    },
    async resume() {
      if (child.alive) return;
      child = await launch();
    },
    async stop() {
      await child.stop('SIGINT', 10_000);
      process.off('exit', removeDir);
      removeDir();
    },
  };
  return service;
}

/** The PostgreSQL for this run: found (DATABASE_URL, then the default port) or started. */
export async function ensurePostgres(options: { runId: string; logDir: string; forceThrowaway?: boolean }): Promise<BackingService> {
  if (!options.forceThrowaway) {
    const candidates: [string, string][] = [];
    if (process.env.DATABASE_URL) candidates.push([maintenanceUrl(process.env.DATABASE_URL), 'DATABASE_URL']);
    candidates.push([DEFAULT_POSTGRES_URL, 'default port']);
    const refusals: string[] = [];
    for (const [url, source] of candidates) {
      const usable = await postgresUsable(url);
      if (usable === true) return { url, source, throwaway: false, stop: async () => undefined };
      refusals.push(`${source}: ${usable}`);
    }
    if (findProgram('initdb') === null) console.log(`e2e: no usable PostgreSQL (${refusals.join('; ')})`);
  }
  return startThrowawayPostgres(options);
}
