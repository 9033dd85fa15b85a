import { ValidationError } from './errors.ts';
import { Prng } from './prng.ts';

/** A participant as an organiser enters one: a name, and optionally a rating and a club. */
export interface ParticipantInput {
  name: string;
  rating: number | null;
  club: string | null;
}

export const NAME_MAX = 200;
export const CLUB_MAX = 200;
export const RATING_MAX = 9999;

/** How seeds are given: the order of entry, rating (highest first), or a recorded random draw. */
export const SEEDING_METHODS = ['order', 'rating', 'random'] as const;
export type SeedingMethod = (typeof SEEDING_METHODS)[number];

// Control characters (NUL included) have no place in a name; tabs and line breaks split fields.
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Reads one participant from text fields; `where` prefixes the field in errors ("line 4: rating",
 * "participants[2].rating"), so an import names the line it refuses.
 */
export function readParticipant(fields: { name?: unknown; rating?: unknown; club?: unknown }, where: string): ParticipantInput {
  const field = (name: string) => (where ? `${where}.${name}` : name);
  const name = typeof fields.name === 'string' ? fields.name.trim() : fields.name;
  if (typeof name !== 'string' || name.length === 0) throw new ValidationError(field('name'), 'is required');
  if (name.length > NAME_MAX) throw new ValidationError(field('name'), `must be at most ${NAME_MAX} characters`);
  if (CONTROL.test(name)) throw new ValidationError(field('name'), 'must not contain control characters');
  return { name, rating: readRating(fields.rating, field('rating')), club: readClub(fields.club, field('club')) };
}

function readRating(value: unknown, field: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return null;
    if (!/^\d+$/.test(text)) throw new ValidationError(field, `must be a whole number from 0 to ${RATING_MAX}, got "${text.slice(0, 20)}"`);
    value = Number(text);
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > RATING_MAX) {
    throw new ValidationError(field, `must be a whole number from 0 to ${RATING_MAX}`);
  }
  return value;
}

function readClub(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new ValidationError(field, 'must be text');
  const club = value.trim();
  if (club === '') return null;
  if (club.length > CLUB_MAX) throw new ValidationError(field, `must be at most ${CLUB_MAX} characters`);
  if (CONTROL.test(club)) throw new ValidationError(field, 'must not contain control characters');
  return club;
}

/** A participant as seeding sees one. */
export interface SeedingCandidate {
  playerId: number;
  rating: number | null;
  /** Position in the order of entry. */
  entryNumber: number;
  /** Current seed. */
  seed: number;
}

/**
 * The participants' player ids in their new seed order: by entry, by rating (highest first, the
 * unrated last, ties in current seed order), or shuffled by a seeded PRNG (Fisher-Yates, so the
 * recorded seed replays the draw from the order of entry).
 */
export function seedingOrder(candidates: readonly SeedingCandidate[], method: SeedingMethod, randomSeed = 0): number[] {
  const list = [...candidates].sort((x, y) => x.seed - y.seed);
  if (method === 'order') list.sort((x, y) => x.entryNumber - y.entryNumber || x.seed - y.seed);
  else if (method === 'rating') list.sort((x, y) => (y.rating ?? -1) - (x.rating ?? -1) || x.seed - y.seed);
  else {
    // From the order of entry, so the recorded seed replays the same draw whatever came before.
    list.sort((x, y) => x.entryNumber - y.entryNumber || x.seed - y.seed);
    const prng = new Prng(randomSeed);
    for (let i = list.length - 1; i > 0; i--) {
      const j = prng.int(0, i);
      const t = list[i];
      list[i] = list[j];
      list[j] = t;
    }
  }
  return list.map((c) => c.playerId);
}
