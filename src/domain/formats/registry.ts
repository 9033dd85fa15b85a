import { ValidationError } from '../errors.ts';
import { readScheduleSettings, SCHEDULE_SETTING } from '../schedule-settings.ts';
import { doubleElimination } from './double-elimination.ts';
import type { TournamentFormat } from './format.ts';
import { groupKnockout } from './group-knockout.ts';
import { individual } from './individual.ts';
import { knockout } from './knockout.ts';
import { league } from './league.ts';
import { swiss } from './swiss.ts';

/** Every format by its wire name (the key must equal the format's `name`): one import and one line here. */
const registered: Readonly<Record<string, TournamentFormat>> = {
  knockout,
  league,
  group_knockout: groupKnockout,
  swiss,
  double_elimination: doubleElimination,
  individual,
};

/**
 * Settings every format accepts besides its own: `schedule` (times and stations, read by the
 * schedule, not the format). The format validates the rest, so no format file has to know them.
 */
function withSharedSettings<S extends object>(format: TournamentFormat<S>): TournamentFormat<S> {
  return {
    ...format,
    settings: [...format.settings, SCHEDULE_SETTING],
    validate(playerCount, settings) {
      if (settings === null || typeof settings !== 'object' || Array.isArray(settings) || !Object.hasOwn(settings, 'schedule')) {
        return format.validate(playerCount, settings);
      }
      const { schedule, ...own } = settings;
      const parsed = format.validate(playerCount, own);
      if (schedule !== null && schedule !== undefined) readScheduleSettings(schedule);
      return parsed;
    },
  };
}

/** Every format by its wire name, each accepting the shared settings. */
export const formats: Readonly<Record<string, TournamentFormat>> = Object.fromEntries(
  Object.entries(registered).map(([name, format]) => [name, withSharedSettings(format)]),
);

/** The wire names of all formats, in registry order. */
export function formatNames(): string[] {
  return Object.keys(formats);
}

/** The format with this wire name; ValidationError on `format` naming the known ones otherwise. */
export function getFormat(name: string): TournamentFormat {
  // hasOwn, so 'constructor' or '__proto__' from a request never reach Object.prototype.
  if (typeof name === 'string' && Object.hasOwn(formats, name)) return formats[name];
  throw new ValidationError('format', `unknown format "${String(name)}"; known: ${formatNames().join(', ')}`);
}
