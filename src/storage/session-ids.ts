/**
 * Session ids and their bytes. A session id names its session's key (tournament, ordinal), so
 * sessions need no index of their ids (migration 0020): sessionId and writeSessionId make them,
 * sessionKeyOf reads the key back (storage/session-keys.ts finds sessions by it). writeUuid puts
 * any uuid given as text into a binary COPY's bytes.
 */
import { randomBytes } from 'node:crypto';

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
