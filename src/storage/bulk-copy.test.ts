import { describe, expect, it } from 'vitest';
import { ColumnParser, type CopyColumn } from './bulk-copy.ts';

// Rows as COPY's text format writes them: integers, \N for null, text escaped, a newline after each.
const OUTPUT = '0\t-12\tKnock\\tout\n1\t\\N\t\\N\n2\t9007199254740991\tGrüße, 北京\n3\t0\t\\\\N\n';
const KINDS: readonly CopyColumn[] = ['int', 'int', 'text'];
const EXPECTED: [number, number, string | null][] = [
  [0, -12, 'Knock\tout'],
  [1, Number.NaN, null],
  [2, 9007199254740991, 'Grüße, 北京'],
  [3, 0, '\\N'],
];

function parse(chunks: Uint8Array[], kinds = KINDS): [number, number, string | null][] {
  const rows: [number, number, string | null][] = [];
  const parser = new ColumnParser(kinds, (ints, texts) => rows.push([ints[0], ints[1], texts[2]]));
  for (const chunk of chunks) parser.feed(chunk);
  parser.end();
  return rows;
}

describe('ColumnParser (copyOutColumns)', () => {
  const bytes = new TextEncoder().encode(OUTPUT);

  it('reads integers, nulls, negatives and escaped UTF-8 text from one chunk', () => {
    expect(parse([bytes])).toEqual(EXPECTED);
  });

  it('reads the same rows whichever byte the chunks break at, inside a number, an escape or a character', () => {
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(parse([bytes.subarray(0, cut), bytes.subarray(cut)]), `cut at byte ${cut}`).toEqual(EXPECTED);
    }
    expect(parse(Array.from(bytes, (b) => Uint8Array.of(b)))).toEqual(EXPECTED);
  });

  it('takes a last row without its newline', () => {
    expect(parse([new TextEncoder().encode('7\t8\tx\n9\t10\ty')])).toEqual([[7, 8, 'x'], [9, 10, 'y']]);
  });

  it('refuses a row of the wrong width and a column that is not an integer', () => {
    expect(() => parse([new TextEncoder().encode('1\t2\n')])).toThrow('COPY row of 2 fields, expected 3');
    expect(() => parse([new TextEncoder().encode('1\t2\tx\ty\n')])).toThrow('COPY row of more than 3 fields');
    expect(() => parse([new TextEncoder().encode('1.5\t2\tx\n')])).toThrow('COPY column 1 is not an integer (byte 46)');
  });
});
