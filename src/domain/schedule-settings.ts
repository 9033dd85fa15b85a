import { ValidationError } from './errors.ts';
import type { SettingDescription } from './formats/format.ts';

/**
 * `settings.schedule`, which every format accepts: when the first session may start, the stations
 * (courts, tables, pitches) sessions are played on, how long a session takes, the rest a participant
 * has between two sessions, and whether a round waits for the one before it to end.
 */
export interface ScheduleSettings {
  /** ISO 8601 with a zone; null: from the moment the schedule is planned. */
  starts_at: string | null;
  /** A count (named 1..n) or the stations' names. */
  stations: number | string[];
  session_minutes: number;
  break_minutes: number;
  rounds_wait: boolean;
}

const FIELD = 'settings.schedule';
const KEYS = ['starts_at', 'stations', 'session_minutes', 'break_minutes', 'rounds_wait'] as const;
const MAX_STATIONS = 10_000;
const MAX_NAME = 100;
const DAY_MINUTES = 24 * 60;
// A date, a time to the minute or finer, and a zone: what an organiser means by "starts at".
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export const SCHEDULE_SETTING: SettingDescription = {
  name: 'schedule',
  type: 'object',
  description:
    'Optional: when and where the sessions are played (the start, the stations, the minutes of a session and of the break between two of a participant, whether a round waits for the one before). Planning the schedule gives each session a time and a station.',
  default: null,
  fields: [
    { name: 'starts_at', type: 'string', description: 'When the first session may start: ISO 8601 with a zone, such as 2026-06-01T09:00:00Z; empty: when planned.', default: null },
    { name: 'stations', type: 'integer', description: 'How many courts, tables or pitches (1 to 10,000); a list of names goes through the API.', default: 1 },
    { name: 'session_minutes', type: 'integer', description: 'Minutes a session takes.', default: 30 },
    { name: 'break_minutes', type: 'integer', description: 'Rest between two sessions of a participant, in minutes.', default: 5 },
    { name: 'rounds_wait', type: 'boolean', description: 'A round starts once the one before has ended.', default: true },
  ],
};

/** Parses settings.schedule, filling defaults; ValidationError naming the field otherwise. */
export function readScheduleSettings(value: unknown): ScheduleSettings {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ValidationError(FIELD, 'must be an object');
  const raw = value as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!(KEYS as readonly string[]).includes(key)) throw new ValidationError(`${FIELD}.${key}`, `unknown key; allowed: ${KEYS.join(', ')}`);
  }
  return {
    starts_at: readStart(raw.starts_at),
    stations: readStations(raw.stations),
    session_minutes: readMinutes(raw.session_minutes, 'session_minutes', 1, 30),
    break_minutes: readMinutes(raw.break_minutes, 'break_minutes', 0, 5),
    rounds_wait: readFlag(raw.rounds_wait, 'rounds_wait', true),
  };
}

/** The stations' names: "1".."n" for a count. */
export function stationNames(settings: ScheduleSettings): string[] {
  if (typeof settings.stations !== 'number') return settings.stations;
  return Array.from({ length: settings.stations }, (_, i) => String(i + 1));
}

function readStart(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !ISO_INSTANT.test(value) || !isCalendarDate(value)) {
    throw new ValidationError(`${FIELD}.starts_at`, 'must be an ISO 8601 date and time with a zone, such as 2026-06-01T09:00:00Z');
  }
  return value;
}

// Date.parse rolls 30 February over into March; a start that names a day must name a real one.
function isCalendarDate(value: string): boolean {
  const [year, month, day, hour, minute] = value.match(/\d+/g)!.map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && !Number.isNaN(Date.parse(value));
}

function readStations(value: unknown): number | string[] {
  const field = `${FIELD}.stations`;
  if (value === undefined || value === null) return 1;
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1 || value > MAX_STATIONS) throw new ValidationError(field, `must be a count from 1 to ${MAX_STATIONS} or a list of names`);
    return value;
  }
  if (!Array.isArray(value) || value.length < 1 || value.length > MAX_STATIONS) {
    throw new ValidationError(field, `must be a count from 1 to ${MAX_STATIONS} or a list of 1 to ${MAX_STATIONS} names`);
  }
  const seen = new Set<string>();
  value.forEach((name, i) => {
    if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME) {
      throw new ValidationError(`${field}[${i}]`, `must be a name of 1 to ${MAX_NAME} characters`);
    }
    if (seen.has(name)) throw new ValidationError(`${field}[${i}]`, `"${name}" is named twice`);
    seen.add(name);
  });
  return value as string[];
}

function readMinutes(value: unknown, key: string, min: number, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > DAY_MINUTES) {
    throw new ValidationError(`${FIELD}.${key}`, `must be a whole number of minutes from ${min} to ${DAY_MINUTES}`);
  }
  return value;
}

function readFlag(value: unknown, key: string, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new ValidationError(`${FIELD}.${key}`, 'must be a boolean');
  return value;
}
