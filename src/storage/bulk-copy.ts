/**
 * COPY in and out of either backend, streamed in chunks so memory stays flat whatever the row
 * count: on PostgreSQL through pg-copy-streams on the connection (or transaction) the Db runs
 * on; on PGlite through its virtual /dev/blob, one COPY per chunk. Rows travel in COPY's text
 * format: tab-separated, \N for null, backslash escapes (copyText() for text values); or, in
 * (copyInBinaryRows), in its binary format, each field in its column's type.
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
  return copyInChunks(db, target, chunked(rows));
}

/**
 * Runs `COPY <target> FROM STDIN` with `count` rows that `writeRow(w, i)` writes field by field
 * (i = 0..count-1) straight into bytes: no string per row. Returns `count`.
 */
export async function copyInRows(db: Db, target: string, count: number, writeRow: (w: CopyRowWriter, i: number) => void): Promise<number> {
  return copyInChunks(db, target, rowChunks(new CopyRowWriter(), count, (w, i) => {
    writeRow(w, i);
    w.endRow();
  }));
}

/**
 * Runs `COPY <target> FROM STDIN (FORMAT binary)` with `count` rows that `writeRow(w, i)` writes
 * field by field (i = 0..count-1), each field in its column's exact binary type (see
 * BinaryRowWriter). The server converts no text: for a million sessions, 0.4-0.65 s less of
 * PostgreSQL's CPU than the text format (measured). Returns `count`.
 */
export async function copyInBinaryRows(db: Db, target: string, count: number, writeRow: (w: BinaryRowWriter, i: number) => void): Promise<number> {
  return copyInChunks(db, target, rowChunks(new BinaryRowWriter(), count, writeRow), BINARY);
}

// The rows `writeRow` writes into `w`, taken a chunk at a time.
function* rowChunks<W extends RowBuffer>(w: W, count: number, writeRow: (w: W, i: number) => void): Generator<Chunk> {
  let rows = 0;
  for (let i = 0; i < count; i++) {
    writeRow(w, i);
    if (++rows >= PGLITE_ROWS_PER_COPY || w.size >= STREAM_CHUNK_BYTES) {
      yield { data: w.take(), rows };
      rows = 0;
    }
  }
  if (rows > 0) yield { data: w.take(), rows };
}

// Whole rows, with their count.
interface Chunk {
  data: string | Uint8Array;
  rows: number;
}

// How a statement's data is framed: COPY's options, and what comes before the first row and after the last.
interface Framing {
  options: string;
  header?: Uint8Array;
  trailer?: Uint8Array;
}

// The binary format's signature, flags (none) and header extension (none); the trailer a field count of -1.
const BINARY: Framing = {
  options: ' WITH (FORMAT binary)',
  header: Uint8Array.of(...Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), 0, 0, 0, 0, 0, 0, 0, 0),
  trailer: Uint8Array.of(0xff, 0xff),
};

// The transport: one streamed statement on PostgreSQL; on PGlite one blob (one statement) per
// PGLITE_ROWS_PER_COPY rows or so.
async function copyInChunks(db: Db, target: string, chunks: Iterable<Chunk>, framing: Framing = { options: '' }): Promise<number> {
  const driver = driverClient(db);
  const { header, trailer } = framing;
  let count = 0;
  if (driver.kind === 'postgres') {
    await withPgClient(driver.client, async (client) => {
      const sink = client.query(copyFrom(`COPY ${target} FROM STDIN${framing.options}`)) as NodeJS.WritableStream;
      await pipeline(Readable.from((function* () {
        if (header) yield header;
        for (const chunk of chunks) {
          count += chunk.rows;
          yield chunk.data;
        }
        if (trailer) yield trailer;
      })()), sink);
    });
    return count;
  }
  let parts: (string | Uint8Array)[] = [];
  let rows = 0;
  const flush = async () => {
    if (rows === 0) return;
    const blob = new Blob([...(header ? [header] : []), ...parts, ...(trailer ? [trailer] : [])] as BlobPart[]);
    count += rows;
    parts = [];
    rows = 0;
    await driver.client.query(`COPY ${target} FROM '/dev/blob'${framing.options}`, [], { blob });
  };
  for (const chunk of chunks) {
    parts.push(chunk.data);
    rows += chunk.rows;
    if (rows >= PGLITE_ROWS_PER_COPY) await flush();
  }
  await flush();
  return count;
}

function* chunked(rows: Iterable<string>): Generator<Chunk> {
  let parts: string[] = [];
  let size = 0;
  let count = 0;
  for (const line of rows) {
    parts.push(line, '\n');
    size += line.length + 1;
    count++;
    if (size >= STREAM_CHUNK_BYTES || count >= PGLITE_ROWS_PER_COPY) {
      yield { data: parts.join(''), rows: count };
      parts = [];
      size = 0;
      count = 0;
    }
  }
  if (count > 0) yield { data: parts.join(''), rows: count };
}

/** A buffer that rows are written into and taken from a chunk at a time; it grows for a long row. */
abstract class RowBuffer {
  protected buffer = Buffer.allocUnsafe(STREAM_CHUNK_BYTES * 2);
  protected pos = 0;

  /** Bytes written since the last take(). */
  get size(): number {
    return this.pos;
  }

  /** What was written since the last take(), handed over (the writer goes on in a new buffer). */
  take(): Uint8Array {
    const out = this.buffer.subarray(0, this.pos);
    this.buffer = Buffer.allocUnsafe(Math.max(STREAM_CHUNK_BYTES * 2, this.buffer.length));
    this.pos = 0;
    return out;
  }

  protected ensure(room: number): void {
    if (this.pos + room <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.pos + room));
    this.buffer.copy(grown, 0, 0, this.pos);
    this.buffer = grown;
  }
}

/**
 * Writes rows in COPY's text format straight into a buffer: a field at a time (tabs between
 * them), endRow() after each row. Integers are written digit by digit, text escaped as UTF-8.
 */
export class CopyRowWriter extends RowBuffer {
  private first = true;

  /** A number: integers digit by digit, others as JavaScript prints them (which COPY reads). */
  number(v: number): this {
    this.separate(24);
    if ((v | 0) === v && v !== -2_147_483_648) {
      let n = v;
      const buffer = this.buffer;
      if (n < 0) {
        buffer[this.pos++] = MINUS;
        n = -n;
      }
      let digits = 1;
      for (let m = 10; m <= n && digits < 10; m *= 10) digits++;
      let at = this.pos + digits;
      this.pos = at;
      do {
        const q = (n / 10) | 0;
        buffer[--at] = ZERO + (n - q * 10);
        n = q;
      } while (n > 0);
    } else {
      this.pos += this.buffer.write(String(v), this.pos, 'latin1');
    }
    return this;
  }

  /** \N. */
  null(): this {
    this.separate(2);
    this.buffer[this.pos++] = BACKSLASH;
    this.buffer[this.pos++] = CAPITAL_N;
    return this;
  }

  /** A value known to be ASCII with nothing to escape (an id, a constant name). */
  ascii(value: string): this {
    this.separate(value.length);
    // Byte by byte: cheaper than a call into Buffer.write for the short values this takes.
    const buffer = this.buffer;
    let pos = this.pos;
    for (let i = 0; i < value.length; i++) buffer[pos++] = value.charCodeAt(i);
    this.pos = pos;
    return this;
  }

  /** A value of `length` ASCII bytes with nothing to escape, that `write` puts at `at`. */
  fixed(length: number, write: (buffer: Uint8Array, at: number) => void): this {
    this.separate(length);
    write(this.buffer, this.pos);
    this.pos += length;
    return this;
  }

  /** Any text, escaped. */
  text(value: string): this {
    const escaped = copyText(value);
    this.separate(Buffer.byteLength(escaped));
    this.pos += this.buffer.write(escaped, this.pos, 'utf8');
    return this;
  }

  endRow(): void {
    this.ensure(1);
    this.buffer[this.pos++] = NEWLINE;
    this.first = true;
  }

  private separate(room: number): void {
    this.ensure(room + 1);
    if (this.first) this.first = false;
    else this.buffer[this.pos++] = TAB;
  }
}

/**
 * Writes rows in COPY's binary format straight into a buffer: row(n) with the row's field count,
 * then each field in the order of the COPY's columns, in that column's type (int2, int4, int8,
 * bool, text, or raw bytes such as a uuid's 16); a field of the wrong type is an error of the COPY.
 */
export class BinaryRowWriter extends RowBuffer {

  /** Starts a row of `fields` fields. */
  row(fields: number): this {
    this.ensure(2);
    this.put16(fields);
    return this;
  }

  null(): this {
    this.ensure(4);
    this.put32(-1);
    return this;
  }

  int2(v: number): this {
    this.ensure(6);
    this.put32(2);
    this.put16(v);
    return this;
  }

  int4(v: number): this {
    this.ensure(8);
    this.put32(4);
    this.put32(v);
    return this;
  }

  /** A safe integer as a bigint column. */
  int8(v: number): this {
    if (!Number.isSafeInteger(v)) throw new RangeError(`not a safe integer for an int8 field: ${v}`);
    this.ensure(12);
    const high = Math.floor(v / 2 ** 32);
    this.put32(8);
    this.put32(high);
    this.put32(v - high * 2 ** 32);
    return this;
  }

  bool(v: boolean): this {
    this.ensure(5);
    this.put32(1);
    this.buffer[this.pos++] = v ? 1 : 0;
    return this;
  }

  /** Text (UTF-8, nothing escaped in this format). */
  text(value: string): this {
    const length = Buffer.byteLength(value);
    this.ensure(4 + length);
    this.put32(length);
    this.pos += this.buffer.write(value, this.pos, 'utf8');
    return this;
  }

  /** Bytes given ready (a constant's text): copied. */
  bytes(value: Uint8Array): this {
    this.ensure(4 + value.length);
    this.put32(value.length);
    this.buffer.set(value, this.pos);
    this.pos += value.length;
    return this;
  }

  /** A field of `length` bytes that `write` puts at `at` (a uuid's 16). */
  fixed(length: number, write: (buffer: Uint8Array, at: number) => void): this {
    this.ensure(4 + length);
    this.put32(length);
    write(this.buffer, this.pos);
    this.pos += length;
    return this;
  }

  // Byte by byte, big-endian, the low 32 (16) bits of v: Buffer's writeInt32BE checks ranges a
  // million times over (0.4-0.8 s of a million sessions' write, profiled).
  private put32(v: number): void {
    const buffer = this.buffer;
    const pos = this.pos;
    buffer[pos] = v >>> 24;
    buffer[pos + 1] = v >>> 16;
    buffer[pos + 2] = v >>> 8;
    buffer[pos + 3] = v;
    this.pos = pos + 4;
  }

  private put16(v: number): void {
    this.buffer[this.pos] = v >>> 8;
    this.buffer[this.pos + 1] = v;
    this.pos += 2;
  }
}

/** A query for copyOut: whole, or (for PGlite) as pages of rows [from, to) that each make one statement. */
export type CopyQuery = string | { pages: (from: number, to: number) => string; total: number };

/**
 * Runs `COPY (<query>) TO STDOUT` and calls `onRow` with each row's fields, in order (text
 * format: \N for null, text escaped). On PGlite `pages(from, to)` splits the query into
 * chunks (each a query of its own), so no blob holds the whole result: pass a function that
 * returns the query for rows [from, to) when the rows can be addressed that way.
 */
export async function copyOut(db: Db, query: CopyQuery, onRow: (fields: string[]) => void): Promise<void> {
  // A chunk may end inside a row, or inside a character.
  const decoder = new StringDecoder('utf8');
  let rest = '';
  await copyOutBytes(db, query, (chunk) => {
    const text = rest + decoder.write(chunk);
    let start = 0;
    for (let end = text.indexOf('\n', start); end >= 0; end = text.indexOf('\n', start)) {
      onRow(text.slice(start, end).split('\t'));
      start = end + 1;
    }
    rest = text.slice(start);
  });
  if (rest.length > 0) onRow(rest.split('\t'));
}

/** How copyOutColumns reads a column: an integer (a number, NaN for null) or text (a string, null for null). */
export type CopyColumn = 'int' | 'text';

/**
 * copyOut for rows of integers (and a few text columns), parsed from the bytes as they come:
 * no string per field nor array per row. `onRow` gets the row's integers (NaN for null) and
 * texts (null for null) at their column's index, in arrays reused from row to row.
 */
export async function copyOutColumns(
  db: Db,
  query: CopyQuery,
  kinds: readonly CopyColumn[],
  onRow: (ints: Float64Array, texts: (string | null)[]) => void,
): Promise<void> {
  const parser = new ColumnParser(kinds, onRow);
  await copyOutBytes(db, query, (chunk) => parser.feed(chunk));
  parser.end();
}

const TAB = 9;
const NEWLINE = 10;
const BACKSLASH = 92;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;
const CAPITAL_N = 78;

/** copyOutColumns' parser, fed the COPY output in chunks that may end anywhere (exported for its tests). */
export class ColumnParser {
  private readonly ints: Float64Array;
  private readonly texts: (string | null)[];
  // 1 where the column is text.
  private readonly isText: Uint8Array;
  private readonly width: number;
  private column = 0;
  private value = 0;
  private negative = false;
  private isNull = false;
  private started = false;
  // A text field that began in an earlier chunk.
  private pending: Uint8Array[] = [];

  constructor(
    kinds: readonly CopyColumn[],
    private readonly onRow: (ints: Float64Array, texts: (string | null)[]) => void,
  ) {
    this.ints = new Float64Array(kinds.length);
    this.isText = Uint8Array.from(kinds, (k) => (k === 'text' ? 1 : 0));
    this.width = kinds.length;
    this.texts = new Array<string | null>(kinds.length).fill(null);
  }

  feed(bytes: Uint8Array): void {
    // The state in locals while the loop runs (written back at the end): this is the hot loop
    // of reading a million sessions.
    const { isText, ints, width } = this;
    let column = this.column;
    let value = this.value;
    let negative = this.negative;
    let isNull = this.isNull;
    let started = this.started;
    let textStart = isText[column] === 1 ? 0 : -1;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === TAB || b === NEWLINE) {
        if (textStart >= 0) this.texts[column] = this.endText(bytes, textStart, i);
        else ints[column] = isNull ? Number.NaN : negative ? -value : value;
        value = 0;
        negative = false;
        isNull = false;
        started = b === TAB;
        if (b === NEWLINE) {
          if (column !== width - 1) throw new Error(`COPY row of ${column + 1} fields, expected ${width}`);
          this.onRow(ints, this.texts);
          column = 0;
        } else if (++column >= width) {
          throw new Error(`COPY row of more than ${width} fields`);
        }
        textStart = isText[column] === 1 ? i + 1 : -1;
        continue;
      }
      started = true;
      if (textStart >= 0) continue;
      if (b >= ZERO && b <= NINE) value = value * 10 + (b - ZERO);
      else if (b === MINUS) negative = true;
      else if (b === BACKSLASH || b === CAPITAL_N) isNull = true;
      else throw new Error(`COPY column ${column + 1} is not an integer (byte ${b})`);
    }
    if (textStart >= 0 && textStart < bytes.length) this.pending.push(bytes.slice(textStart));
    this.column = column;
    this.value = value;
    this.negative = negative;
    this.isNull = isNull;
    this.started = started;
  }

  end(): void {
    if (!this.started) return;
    this.feed(Uint8Array.of(NEWLINE));
  }

  // The text field that ends at `end`, begun at `start` (and in `pending` before this chunk).
  private endText(bytes: Uint8Array, start: number, end: number): string | null {
    if (this.pending.length === 0) {
      // \N, the null most text columns hold on most rows, is answered without a string.
      if (end - start === 2 && bytes[start] === BACKSLASH && bytes[start + 1] === CAPITAL_N) return null;
      return fromCopyText(Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8'));
    }
    const whole = Buffer.concat([...this.pending, bytes.subarray(start, end)]);
    this.pending = [];
    return fromCopyText(whole.toString('utf8'));
  }
}

// The COPY's output as it comes, in chunks that may end anywhere in a row.
async function copyOutBytes(db: Db, query: CopyQuery, onChunk: (bytes: Uint8Array) => void): Promise<void> {
  const driver = driverClient(db);
  if (driver.kind === 'postgres') {
    const whole = typeof query === 'string' ? query : query.pages(0, query.total);
    await withPgClient(driver.client, async (client) => {
      const source = client.query(copyTo(`COPY (${whole}) TO STDOUT`)) as NodeJS.ReadableStream;
      for await (const chunk of source) onChunk(chunk as Buffer);
    });
    return;
  }
  const statements =
    typeof query === 'string'
      ? [query]
      : Array.from({ length: Math.ceil(query.total / PGLITE_ROWS_PER_COPY) }, (_, i) =>
          query.pages(i * PGLITE_ROWS_PER_COPY, Math.min(query.total, (i + 1) * PGLITE_ROWS_PER_COPY)));
  for (const statement of statements) {
    const result = await driver.client.query(`COPY (${statement}) TO '/dev/blob'`);
    if (result.blob) onChunk(new Uint8Array(await result.blob.arrayBuffer()));
  }
}
