import { describe, expect, it } from 'vitest';
import { parseNumberText, parseWhole } from './number-text.ts';

describe('numbers typed by people', () => {
  it('accepts thousands separators in groups of three', () => {
    expect(parseWhole('1,024')).toBe(1024);
    expect(parseWhole(' 1 048 576 ')).toBe(1_048_576);
    expect(parseWhole('12,345,678')).toBe(12_345_678);
    expect(parseWhole("1'000")).toBe(1000);
    expect(parseWhole('1\u202f024')).toBe(1024);
    expect(parseWhole('-3')).toBe(-3);
    expect(parseNumberText('1,024.5')).toBe(1024.5);
    expect(parseNumberText('0.5')).toBe(0.5);
  });

  it('refuses what is not a number or is grouped wrongly', () => {
    for (const text of ['', 'ten', '1,02', '1,0245', '1,000 000', '2.5.1', '1e3', '99999999999999999']) {
      expect(parseNumberText(text), text).toBeNull();
    }
    expect(parseWhole('2.5')).toBeNull();
  });
});
