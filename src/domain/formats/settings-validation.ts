import { ValidationError } from '../errors.ts';
import type { PointsScheme } from '../standings.ts';

/**
 * Checks shared by the formats' validate(): the player count, the settings object and its keys,
 * and typed values. Every failure names the field and the limit, for a 422 a caller can act on.
 * `null` or an absent key means "use the default"; each format fills its own defaults.
 */

/** Throws on a player count outside [min, max] for this format. */
export function assertPlayerCount(count: number, min: number, max: number, format: string): void {
  if (!Number.isInteger(count) || count < min || count > max) {
    throw new ValidationError('player_count', `must be an integer from ${min} to ${max} for ${format}`);
  }
}

/** The settings as a plain object whose keys are all allowed for this format. */
export function readSettings(
  settings: unknown,
  format: string,
  allowed: readonly string[],
): Readonly<Record<string, unknown>> {
  if (settings === null || settings === undefined) return {};
  if (typeof settings !== 'object' || Array.isArray(settings)) throw new ValidationError('settings', 'must be an object');
  for (const key of Object.keys(settings)) {
    if (!allowed.includes(key)) {
      throw new ValidationError(`settings.${key}`, `unknown setting for ${format}; allowed: ${allowed.join(', ')}`);
    }
  }
  return settings as Record<string, unknown>;
}

/** A boolean setting, or the default when absent. */
export function readBoolean(value: unknown, field: string, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new ValidationError(field, 'must be a boolean');
  return value;
}

/** An integer setting in [min, max], or the default when absent. */
export function readInteger(value: unknown, field: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(field, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

const POINT_KEYS = ['win', 'draw', 'loss'] as const;
const POINT_LIMIT = 1000;

/**
 * A points scheme: any of win, draw and loss (the others keep their default), finite numbers
 * within ±1000 with win > loss and win >= draw >= loss, so more is always better.
 */
export function readPoints(value: unknown, field: string, fallback: PointsScheme): PointsScheme {
  if (value === undefined || value === null) return { ...fallback };
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationError(field, 'must be an object with win, draw and loss');
  }
  const points: PointsScheme = { ...fallback };
  for (const [key, raw] of Object.entries(value)) {
    if (!(POINT_KEYS as readonly string[]).includes(key)) {
      throw new ValidationError(`${field}.${key}`, 'unknown key; allowed: win, draw, loss');
    }
    if (typeof raw !== 'number' || !Number.isFinite(raw) || Math.abs(raw) > POINT_LIMIT) {
      throw new ValidationError(`${field}.${key}`, `must be a number from -${POINT_LIMIT} to ${POINT_LIMIT}`);
    }
    points[key as (typeof POINT_KEYS)[number]] = raw;
  }
  if (!(points.win > points.loss && points.win >= points.draw && points.draw >= points.loss)) {
    throw new ValidationError(field, 'must satisfy win > loss and win >= draw >= loss');
  }
  return points;
}
