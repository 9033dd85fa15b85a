import { describe, expect, it } from 'vitest';
import { BinaryRowWriter, ColumnParser, CopyRowWriter, type CopyColumn } from './bulk-copy.ts';

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

describe('CopyRowWriter (copyInRows)', () => {
  it('writes integers, other numbers, nulls, ASCII and escaped UTF-8 text as COPY reads them', () => {
    const w = new CopyRowWriter();
    w.number(0).number(-12).number(2_147_483_647).number(9007199254740991).number(2.5).number(-0.125).null().ascii('KNOCKOUT');
    w.endRow();
    w.text('Knock\tout\\N\nGrüße, 北京').number(-2_147_483_648).number(1e21);
    w.endRow();
    expect(w.size).toBe(Buffer.byteLength(EXPECTED_WRITTEN));
    expect(Buffer.from(w.take()).toString('utf8')).toBe(EXPECTED_WRITTEN);
    expect(w.size).toBe(0);
  });

  it('grows past its buffer for a long row, and what it writes parses back to the same values', () => {
    const w = new CopyRowWriter();
    const long = 'x'.repeat(1_500_000);
    for (let i = 0; i < 3; i++) {
      w.number(i).number(i === 0 ? 0 : -i * 1_000_003).text(i === 1 ? long : `row ${i}`);
      w.endRow();
    }
    expect(parse([w.take()])).toEqual([[0, 0, 'row 0'], [1, -1_000_003, long], [2, -2_000_006, 'row 2']]);
  });
});

const EXPECTED_WRITTEN = '0\t-12\t2147483647\t9007199254740991\t2.5\t-0.125\t\\N\tKNOCKOUT\n' +
  'Knock\\tout\\\\N\\nGrüße, 北京\t-2147483648\t1e+21\n';

describe('BinaryRowWriter (copyInBinaryRows)', () => {
  it('writes a row\'s field count, then each field as its length and its bytes in network order, -1 for null', () => {
    const w = new BinaryRowWriter();
    w.row(9).int2(-2).int4(2_147_483_647).int8(-1).int8(9007199254740991).bool(true).null().text('Grüße')
      .bytes(Uint8Array.of(65, 66)).fixed(3, (b, at) => b.set([7, 8, 9], at));
    const hex = [
      '0009', '00000002fffe', '000000047fffffff', '00000008ffffffffffffffff', '00000008001fffffffffffff', '0000000101', 'ffffffff',
      '00000007' + Buffer.from('Grüße').toString('hex'), '000000024142', '00000003070809',
    ].join('');
    expect(w.size).toBe(hex.length / 2);
    expect(Buffer.from(w.take()).toString('hex')).toBe(hex);
    expect(w.size).toBe(0);
  });

  it('grows past its buffer for a long field, and refuses an int8 that is not a safe integer', () => {
    const w = new BinaryRowWriter();
    const long = 'x'.repeat(2_000_000);
    w.row(1).text(long);
    const out = Buffer.from(w.take());
    expect(out.length).toBe(2 + 4 + long.length);
    expect(out.readInt32BE(2)).toBe(long.length);
    expect(() => w.int8(2 ** 53)).toThrow('not a safe integer for an int8 field: 9007199254740992');
  });
});
