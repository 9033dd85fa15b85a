import { ValidationError } from '../errors.ts';
import type { TournamentFormat } from './format.ts';
import { doubleElimination } from './double-elimination.ts';
import { groupKnockout } from './group-knockout.ts';
import { knockout } from './knockout.ts';
import { league } from './league.ts';
import { swiss } from './swiss.ts';

/**
 * Every format by its wire name (the key must equal the format's `name`).
 * Adding a format is one import and one line here.
 */
export const formats: Readonly<Record<string, TournamentFormat>> = {
  knockout,
  league,
  group_knockout: groupKnockout,
  swiss,
  double_elimination: doubleElimination,
};

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
