import { describe, it, expect } from 'vitest';
import { ValidationError } from '../errors.ts';
import { knockout } from './knockout.ts';
import { formatNames, formats, getFormat } from './registry.ts';

describe('format registry', () => {
  it('finds knockout by its wire name', () => {
    expect(getFormat('knockout')).toBe(knockout);
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
