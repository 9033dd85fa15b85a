/**
 * UUIDs in the layout of version 7 (RFC 9562): 48 bits of Unix milliseconds, then a counter
 * that starts at a random point and counts up by one per id. A batch comes out in ascending
 * order, so a million rows written in one COPY extend the primary key's index at its end
 * instead of splitting pages all over it (half the cost of random ids at 131,072 sessions).
 * Still unique across processes: 74 random bits start each batch.
 */
import { randomBytes } from 'node:crypto';

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** A batch of ascending UUIDs, made one at a time: as strings, or written in binary straight into bytes. */
export class OrderedUuids {
  private readonly head: string;
  // 74 bits of counter: 12 (rand_a) + 62 (rand_b), kept as a high part and a 48-bit low part.
  private high: number;
  private low: number;
  // All but the last 12 digits, which change only when the low part wraps.
  private prefix = '';
  // The first 10 of the id's 16 bytes.
  private prefixBinary = new Uint8Array(0);

  constructor(now = Date.now()) {
    const time = hex(now, 12);
    this.head = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
    const random = randomBytes(10);
    this.high = ((random.readUInt16BE(0) & 0x0fff) * 2 ** 14) + (random.readUInt16BE(2) & 0x3fff);
    this.low = random.readUIntBE(4, 6);
    this.makePrefix();
  }

  next(): string {
    const id = this.prefix + hex(this.low, 12);
    this.advance();
    return id;
  }

  /** Writes the next id's 16 bytes (its binary form) into `into` at `at`. */
  writeNextBinary(into: Uint8Array, at: number): void {
    into.set(this.prefixBinary, at);
    const hi = Math.floor(this.low / 2 ** 24);
    const lo = this.low - hi * 2 ** 24;
    into[at + 10] = hi >>> 16;
    into[at + 11] = (hi >>> 8) & 255;
    into[at + 12] = hi & 255;
    into[at + 13] = lo >>> 16;
    into[at + 14] = (lo >>> 8) & 255;
    into[at + 15] = lo & 255;
    this.advance();
  }

  private advance(): void {
    this.low += 1;
    if (this.low === 2 ** 48) {
      this.low = 0;
      this.high = (this.high + 1) % 2 ** 26;
      this.makePrefix();
    }
  }

  private makePrefix(): void {
    this.prefix = `${this.head}${hex(Math.floor(this.high / 2 ** 14), 3)}-${hex(0x8000 | (this.high % 2 ** 14), 4)}-`;
    this.prefixBinary = Uint8Array.from(this.prefix.replace(/-/g, '').match(/../g) ?? [], (h) => Number.parseInt(h, 16));
  }
}

/** `count` ascending UUIDs, made as they are read. */
export function* orderedUuids(count: number, now = Date.now()): Generator<string> {
  const ids = new OrderedUuids(now);
  for (let i = 0; i < count; i++) yield ids.next();
}

/** Writes a UUID given as text (36 characters) as its 16 bytes into `into` at `at`. */
export function writeUuid(id: string, into: Uint8Array, at: number): void {
  const digits = id.replace(/-/g, '');
  if (digits.length !== 32) throw new RangeError(`not a uuid: ${id}`);
  for (let i = 0; i < 16; i++) into[at + i] = Number.parseInt(digits.slice(2 * i, 2 * i + 2), 16);
}

/**
 * Session ids that name their session's key: RFC 9562 version 8 (custom) UUIDs laid out as
 * ff (one byte), the tournament id (40 bits), the version nibble 8, the ordinal (32 bits, around
 * the variant bits) and 42 random bits. A session is found by its id through the (tournament,
 * ordinal) key the id carries, so sessions need no index of their ids: 0.5-0.6 s of PostgreSQL's
 * CPU and a fifth of the WAL of writing a million. The random bits keep a session written again
 * at the same key (a correction's regenerated round) from taking the id of the one it replaced.
 * Ids written before (v4, v7: below LEGACY_ID_BOUND) keep the partial unique index
 * sessions_id_key (migration 0020).
 */
export const LEGACY_ID_BOUND = 'ff000000-0000-0000-0000-000000000000';
const MAX_TOURNAMENT_ID = 2 ** 40;

// Random bytes drawn in blocks: 6 per id (42 bits used).
let pool = Buffer.alloc(0);
let poolAt = 0;
function randomByte(): number {
  if (poolAt >= pool.length) {
    pool = randomBytes(64 * 1024);
    poolAt = 0;
  }
  return pool[poolAt++];
}

/** Writes the 16 bytes of a new id for session (tournamentId, ordinal) into `into` at `at`. */
export function writeSessionId(tournamentId: number, ordinal: number, into: Uint8Array, at: number): void {
  if (!Number.isSafeInteger(tournamentId) || tournamentId < 0 || tournamentId >= MAX_TOURNAMENT_ID) {
    throw new RangeError(`tournament id ${tournamentId} does not fit a session id`);
  }
  if (!Number.isInteger(ordinal) || ordinal < 0 || ordinal >= 2 ** 32) throw new RangeError(`ordinal ${ordinal} does not fit a session id`);
  const high = Math.floor(tournamentId / 2 ** 32);
  const low = tournamentId - high * 2 ** 32;
  into[at] = 0xff;
  into[at + 1] = high;
  into[at + 2] = low >>> 24;
  into[at + 3] = (low >>> 16) & 255;
  into[at + 4] = (low >>> 8) & 255;
  into[at + 5] = low & 255;
  into[at + 6] = 0x80 | (ordinal >>> 28);
  into[at + 7] = (ordinal >>> 20) & 255;
  into[at + 8] = 0x80 | ((ordinal >>> 14) & 0x3f);
  into[at + 9] = (ordinal >>> 6) & 255;
  into[at + 10] = ((ordinal & 0x3f) << 2) | (randomByte() & 3);
  for (let k = 11; k < 16; k++) into[at + k] = randomByte();
}

/** A new id for session (tournamentId, ordinal), as text. */
export function sessionId(tournamentId: number, ordinal: number): string {
  const bytes = new Uint8Array(16);
  writeSessionId(tournamentId, ordinal, bytes, 0);
  const h = Buffer.from(bytes).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The (tournament, ordinal) key a session id carries; null for an id that carries none (made before, or not a uuid). */
export function sessionKeyOf(id: string): { tournamentId: number; ordinal: number } | null {
  if (id.length !== 36 || !id.startsWith('ff') || id[14] !== '8' || id[8] !== '-' || id[13] !== '-' || id[18] !== '-' || id[23] !== '-') return null;
  const hex = (from: number, to: number) => Number.parseInt(id.slice(from, to), 16);
  const variant = hex(19, 20);
  if (!(variant >= 8 && variant <= 11)) return null;
  const tournamentId = hex(2, 4) * 2 ** 32 + hex(4, 8) * 2 ** 16 + hex(9, 13);
  // Ordinal: 4 bits at 15, 8 at 16-17, 6 under the variant at 19-20, 8 at 21-22, 6 above the random bits at 24-25.
  const ordinal = hex(15, 16) * 2 ** 28 + hex(16, 18) * 2 ** 20 + (hex(19, 21) & 0x3f) * 2 ** 14 + hex(21, 23) * 2 ** 6 + (hex(24, 26) >>> 2);
  if (Number.isNaN(tournamentId) || Number.isNaN(ordinal)) return null;
  return { tournamentId, ordinal };
}
