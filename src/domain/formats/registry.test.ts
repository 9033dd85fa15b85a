import { describe, it, expect } from 'vitest';
import { ValidationError } from '../errors.ts';
import { knockout } from './knockout.ts';
import { formatNames, formats, getFormat } from './registry.ts';

describe('format registry', () => {
  it('finds knockout by its wire name', () => {
    expect(getFormat('knockout').name).toBe('knockout');
    expect(getFormat('knockout').plan).toBe(knockout.plan);
    expect(formatNames()).toContain('knockout');
    expect(formatNames()[0]).toBe('knockout');
  });

  it('keys every format by its own name', () => {
    for (const [key, format] of Object.entries(formats)) {
      expect(format.name).toBe(key);
      expect(format.minPlayers).toBeGreaterThanOrEqual(2);
      expect(format.maxPlayers).toBeGreaterThanOrEqual(format.minPlayers);
    }
    expect(formatNames()).toEqual(Object.keys(formats));
  });

  it('lets every format take settings.schedule, checked by the schedule and kept from the format', () => {
    for (const name of formatNames()) {
      const format = getFormat(name);
      expect(format.settings.at(-1)!.name).toBe('schedule');
      const plain = format.validate(16, {});
      expect(format.validate(16, { schedule: { stations: ['A', 'B'], session_minutes: 20 } })).toEqual(plain);
      expect(format.validate(16, { schedule: null })).toEqual(plain);
      expect(() => format.validate(16, { schedule: { stations: 0 } })).toThrow('settings.schedule.stations: must be a count from 1 to 10000 or a list of names');
    }
    expect(() => getFormat('knockout').validate(8, { schedule: {}, third: 1 })).toThrow('settings.third: unknown setting for knockout');
  });

  it.each(['round_robin', 'Knockout', '', 'constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'rejects "%s" naming the known formats',
    (name) => {
      let caught: unknown;
      try {
        getFormat(name);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ValidationError);
      const error = caught as ValidationError;
      expect(error.field).toBe('format');
      expect(error.message).toBe(`format: unknown format "${name}"; known: ${formatNames().join(', ')}`);
    },
  );
});
