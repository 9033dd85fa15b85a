/**
 * COPY in and out of either backend, streamed in chunks so memory stays flat whatever the row
 * count: on PostgreSQL through pg-copy-streams on the connection (or transaction) the Db runs
 * on; on PGlite through its virtual /dev/blob, one COPY per chunk. Rows travel in COPY's text
 * format: tab-separated, \N for null, backslash escapes (copyText() for text values).
 *
 * Writers produce rows with a generator of lines; readers receive each row's fields. Any table,
 * any columns: the repositories own the SQL, this owns the transport.
 */
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { Db } from './database.ts';

/** Rows per COPY statement on PGlite (one blob each); PostgreSQL streams one statement. */
const PGLITE_ROWS_PER_COPY = 100_000;
/** Bytes gathered before a chunk goes down the PostgreSQL stream. */
const STREAM_CHUNK_BYTES = 256 * 1024;

export const NULL_FIELD = '\\N';

interface PgClientLike {
  query(config: unknown): unknown;
}
interface PgliteLike {
  query(sql: string, params?: unknown[], options?: { blob?: Blob }): Promise<{ blob?: Blob }>;
}

// Drizzle keeps the driver's client (a pg Pool or PoolClient, a PGlite or its transaction) on its session.
function driverClient(db: Db): { kind: 'postgres'; client: PgClientLike } | { kind: 'pglite'; client: PgliteLike } {
  const client = (db as unknown as { session: { client: unknown } }).session.client;
  if (client instanceof pg.Pool || client instanceof pg.Client) return { kind: 'postgres', client: client as unknown as PgClientLike };
  return { kind: 'pglite', client: client as PgliteLike };
}

/** The backend behind a Db. */
export function backendOf(db: Db): 'postgres' | 'pglite' {
  return driverClient(db).kind;
}

// A pool hands out a client for the statement and takes it back; a transaction's client is used as is.
async function withPgClient<T>(client: PgClientLike, work: (c: PgClientLike) => Promise<T>): Promise<T> {
  if (client instanceof pg.Pool) {
    const own = await client.connect();
    try {
      return await work(own);
    } finally {
      own.release();
    }
  }
  return work(client);
}

/** Escapes a text value for COPY's text format. */
export function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : value;
}

/** Undoes copyText() on one field read back (null for \N). */
export function fromCopyText(field: string): string | null {
  if (field === NULL_FIELD) return null;
  if (!field.includes('\\')) return field;
  return field.replace(/\\(.)/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : c));
}

/**
 * Runs `COPY <target> FROM STDIN` with the lines `rows` yields (each without its newline);
 * returns the number of rows written. `target` is "table (col, col, ...)".
 */
export async function copyIn(db: Db, target: string, rows: Iterable<string>): Promise<number> {
  const driver = driverClient(db);
  let count = 0;
  if (driver.kind === 'postgres') {
    await withPgClient(driver.client, async (client) => {
      const sink = client.query(copyFrom(`COPY ${target} FROM STDIN`)) as NodeJS.WritableStream;
      await pipeline(Readable.from(chunked(rows, () => count++)), sink);
    });
    return count;
  }
  let lines: string[] = [];
  const flush = async () => {
    if (lines.length === 0) return;
    const blob = new Blob([lines.join('\n'), '\n']);
    lines = [];
    await driver.client.query(`COPY ${target} FROM '/dev/blob'`, [], { blob });
  };
  for (const line of rows) {
    lines.push(line);
    count++;
    if (lines.length >= PGLITE_ROWS_PER_COPY) await flush();
  }
  await flush();
  return count;
}

function* chunked(rows: Iterable<string>, counted: () => void): Generator<string> {
  let parts: string[] = [];
  let size = 0;
  for (const line of rows) {
    parts.push(line, '\n');
    size += line.length + 1;
    counted();
    if (size >= STREAM_CHUNK_BYTES) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) yield parts.join('');
}

/**
 * Runs `COPY (<query>) TO STDOUT` and calls `onRow` with each row's fields, in order (text
 * format: \N for null, text escaped). On PGlite `pages(from, to)` splits the query into
 * chunks (each a query of its own), so no blob holds the whole result: pass a function that
 * returns the query for rows [from, to) when the rows can be addressed that way.
 */
export async function copyOut(
  db: Db,
  query: string | { pages: (from: number, to: number) => string; total: number },
  onRow: (fields: string[]) => void,
): Promise<void> {
  const driver = driverClient(db);
  const statements =
    typeof query === 'string'
      ? [query]
      : Array.from({ length: Math.ceil(query.total / PGLITE_ROWS_PER_COPY) }, (_, i) =>
          query.pages(i * PGLITE_ROWS_PER_COPY, Math.min(query.total, (i + 1) * PGLITE_ROWS_PER_COPY)));
  if (driver.kind === 'postgres') {
    const whole = typeof query === 'string' ? query : query.pages(0, query.total);
    await withPgClient(driver.client, async (client) => {
      const source = client.query(copyTo(`COPY (${whole}) TO STDOUT`)) as NodeJS.ReadableStream;
      // A chunk may end inside a row, or inside a character.
      const decoder = new StringDecoder('utf8');
      let rest = '';
      for await (const chunk of source) {
        const text = rest + decoder.write(chunk as Buffer);
        let start = 0;
        for (let end = text.indexOf('\n', start); end >= 0; end = text.indexOf('\n', start)) {
          onRow(text.slice(start, end).split('\t'));
          start = end + 1;
        }
        rest = text.slice(start);
      }
      if (rest.length > 0) onRow(rest.split('\t'));
    });
    return;
  }
  for (const statement of statements) {
    const result = await driver.client.query(`COPY (${statement}) TO '/dev/blob'`);
    if (!result.blob) continue;
    const text = await result.blob.text();
    let start = 0;
    for (let end = text.indexOf('\n', start); end >= 0; end = text.indexOf('\n', start)) {
      onRow(text.slice(start, end).split('\t'));
      start = end + 1;
    }
  }
}
