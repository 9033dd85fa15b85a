import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  parseTrf,
  writeTrf,
  TrfError,
  trfBeforeRound,
  trfInferInitialColour,
  trfPlayedRounds,
  trfResultPoints,
  type TrfDocument,
  type TrfRound,
} from './trf.ts';

// Three players, three rounds of a five-round event: a played game, a draw, a forfeit, a
// half-point bye, the pairing-allocated bye, a zero-point bye.
const SAMPLE = [
  '012 Autumn Open',
  '022 Ghent',
  '042 2026/10/01',
  '092 Individual: Swiss-System',
  '001    1 m GM Carlsen, Magnus                   2830 NOR     1503014 1990/11/30  2.0    1     2 w 1     3 b =  0000 - H',
  '001    2 wWIM Ruiz, Ana                         2301 ESP    22222222 2001/02/03  1.0    2     1 b 0  0000 - U     3 w -',
  '001    3                                                                         1.5    3  0000 - Z     1 w =     2 b +',
  'XXR 5',
  'XXC white1',
  '',
].join('\n');

const line = (n: number) => SAMPLE.split('\n')[n - 1];

function errorOf(text: string): TrfError {
  try {
    parseTrf(text);
  } catch (e) {
    if (e instanceof TrfError) return e;
    throw e;
  }
  throw new Error('parsed without error');
}

describe('parseTrf', () => {
  it('reads every field of the 001 lines, the headers, XXR and XXC', () => {
    const doc = parseTrf(SAMPLE);
    expect(doc.headers).toEqual([
      { code: '012', value: 'Autumn Open' },
      { code: '022', value: 'Ghent' },
      { code: '042', value: '2026/10/01' },
      { code: '092', value: 'Individual: Swiss-System' },
    ]);
    expect(doc.totalRounds).toBe(5);
    expect(doc.initialColour).toBe('white1');
    expect(doc.players[0]).toEqual({
      startRank: 1,
      sex: 'm',
      title: 'GM',
      name: 'Carlsen, Magnus',
      rating: 2830,
      federation: 'NOR',
      fideId: '1503014',
      birthDate: '1990/11/30',
      points: 2,
      rank: 1,
      rounds: [
        { opponent: 2, colour: 'w', result: '1' },
        { opponent: 3, colour: 'b', result: '=' },
        { opponent: 0, colour: '-', result: 'H' },
      ],
    });
    expect(doc.players[1]).toMatchObject({ sex: 'w', title: 'WIM', name: 'Ruiz, Ana', fideId: '22222222', points: 1 });
    expect(doc.players[1].rounds[1]).toEqual({ opponent: 0, colour: '-', result: 'U' });
    expect(doc.players[1].rounds[2]).toEqual({ opponent: 3, colour: 'w', result: '-' });
    expect(doc.players[2]).toMatchObject({ sex: '', title: '', name: '', rating: null, fideId: '', birthDate: '', rank: 3 });
    expect(trfPlayedRounds(doc)).toBe(3);
  });

  it('writes the sample back byte for byte, and accepts CR and CRLF line ends', () => {
    expect(writeTrf(parseTrf(SAMPLE))).toBe(SAMPLE);
    expect(writeTrf(parseTrf(SAMPLE.replaceAll('\n', '\r')))).toBe(SAMPLE);
    expect(writeTrf(parseTrf(SAMPLE.replaceAll('\n', '\r\n')))).toBe(SAMPLE);
  });

  it('keeps lines of other codes verbatim, after the players', () => {
    const doc = parseTrf(`162  W 3.0    D 1.0\n${SAMPLE}`);
    expect(doc.otherLines).toEqual(['162  W 3.0    D 1.0']);
    expect(writeTrf(doc).endsWith('XXC white1\n162  W 3.0    D 1.0\n')).toBe(true);
  });

  it('scores results after the FIDE default', () => {
    expect(['1', '+', 'W', 'F', 'U', '=', 'D', 'H', '0', '-', 'L', 'Z', ' '].map((r) => trfResultPoints(r as TrfRound['result']))).toEqual([
      1, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0, 0, 0, 0, 0,
    ]);
  });
});

describe('parseTrf errors name the line and the column', () => {
  const cases: [string, string, number, number, RegExp][] = [
    ['an unknown result code', SAMPLE.replace(line(5), line(5).slice(0, 98) + 'X' + line(5).slice(99)), 5, 99, /unknown result code "X"/],
    ['a bad colour', SAMPLE.replace(line(5), line(5).slice(0, 106) + 'x' + line(5).slice(107)), 5, 107, /colour/],
    ['an opponent that is not a number', SAMPLE.replace(line(5), line(5).slice(0, 91) + ' x2 ' + line(5).slice(95)), 5, 92, /start rank or 0000/],
    ['an opponent who does not exist', SAMPLE.replace('     3 w -', '     9 w -'), 6, 112, /no player has start rank 9/],
    ['an opponent who does not list the player back', SAMPLE.replace('     3 b =', '     2 b ='), 5, 102, /does not list 1/],
    ['both players with the same colour', SAMPLE.replace('     2 w 1', '     2 b 1'), 5, 97, /both players have the colour b/],
    ['a bye against an opponent', SAMPLE.replace('     2 b +', '     2 b H'), 7, 119, /is a bye/],
    ['points that are not a number', SAMPLE.replace(' 2.0    1', ' 2,0    1'), 5, 81, /points/],
    ['a repeated start rank', SAMPLE.replace(line(7), line(6)), 7, 5, /already on line 6/],
    ['an XXR without a number', SAMPLE.replace('XXR 5', 'XXR five'), 8, 5, /XXR/],
    ['an XXC with an unknown colour', SAMPLE.replace('XXC white1', 'XXC red1'), 9, 5, /white1 or black1/],
    ['a short 001 line', SAMPLE.replace(line(7), line(7).slice(0, 60)), 7, 61, /at least to column 84/],
    ['an unknown line code', SAMPLE.replace('022 Ghent', 'hello'), 2, 1, /unknown line code "hel"/],
  ];
  for (const [what, text, lineNo, column, reason] of cases) {
    it(`${what}: line ${lineNo}, column ${column}`, () => {
      const e = errorOf(text);
      expect([e.line, e.column]).toEqual([lineNo, column]);
      expect(e.details).toMatchObject({ line: lineNo, column });
      expect(e.message).toMatch(new RegExp(`^trf: line ${lineNo}, column ${column}: `));
      expect(e.message).toMatch(reason);
    });
  }
});

// Random documents whose opponents are consistent: each round pairs a random subset.
const docArb: fc.Arbitrary<TrfDocument> = fc
  .record({
    n: fc.integer({ min: 1, max: 12 }),
    rounds: fc.integer({ min: 0, max: 6 }),
    seed: fc.integer({ min: 0, max: 1e6 }),
    names: fc.array(fc.string({ maxLength: 40 }), { minLength: 12, maxLength: 12 }),
    ratings: fc.array(fc.option(fc.integer({ min: 0, max: 9999 })), { minLength: 12, maxLength: 12 }),
    header: fc.string({ maxLength: 30 }),
    xxc: fc.constantFrom('white1', 'black1', null),
  })
  .map(({ n, rounds, seed, names, ratings, header, xxc }) => {
    let s = seed;
    const rnd = (k: number) => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return s % k;
    };
    const players = Array.from({ length: n }, (_, i) => ({
      startRank: i + 1,
      sex: 'mw '[rnd(3)],
      title: ['', 'GM', 'WFM'][rnd(3)],
      name: names[i],
      rating: ratings[i],
      federation: ['', 'BEL', 'NED'][rnd(3)],
      fideId: rnd(2) ? String(rnd(99999999)) : '',
      birthDate: rnd(2) ? '2000/01/01' : '',
      points: rnd(20) / 2,
      rank: rnd(2) ? i + 1 : null,
      rounds: [] as TrfRound[],
    }));
    for (let r = 0; r < rounds; r++) {
      const order = players.map((p) => p.startRank).sort(() => rnd(3) - 1);
      while (order.length >= 2 && rnd(5)) {
        const a = order.pop()!;
        const b = order.pop()!;
        const [ra, rb] = (
          [
            ['1', '0'],
            ['=', '='],
            ['+', '-'],
            ['-', '-'],
            ['W', 'L'],
          ] as const
        )[rnd(5)];
        players[a - 1].rounds[r] = { opponent: b, colour: 'w', result: ra };
        players[b - 1].rounds[r] = { opponent: a, colour: 'b', result: rb };
      }
      for (const a of order) {
        const code = (['U', 'H', 'F', 'Z', ' '] as const)[rnd(5)];
        players[a - 1].rounds[r] = code === ' ' ? { opponent: null, colour: ' ', result: ' ' } : { opponent: 0, colour: '-', result: code };
      }
    }
    return {
      headers: header.trim() ? [{ code: '012' as const, value: header }] : [],
      players,
      totalRounds: rounds + 1,
      initialColour: xxc,
      otherLines: [],
    };
  });

describe('writeTrf', () => {
  it('write, parse, write gives the same bytes (random documents)', () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        const once = writeTrf(doc);
        const again = parseTrf(once);
        expect(writeTrf(again)).toBe(once);
        expect(again.players.map((p) => p.rounds.filter((r) => r.opponent !== null).length)).toEqual(
          doc.players.map((p) => p.rounds.filter((r) => r.opponent !== null).length),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('refuses what TRF has no columns for', () => {
    const doc = parseTrf(SAMPLE);
    doc.players[0].startRank = 10_000;
    expect(() => writeTrf(doc)).toThrow(/4 columns for the start rank; 10000 does not fit/);
  });
});

describe('trfBeforeRound', () => {
  it('keeps the rounds before, the absences of the round, and recomputes the points', () => {
    const doc = parseTrf(SAMPLE);
    const before3 = trfBeforeRound(doc, 3);
    // Player 1 is on a half-point bye in round 3: known before pairing, so kept.
    expect(before3.players.map((p) => p.rounds.length)).toEqual([3, 2, 2]);
    expect(before3.players.map((p) => p.points)).toEqual([1.5, 1, 0.5]);
    expect(before3.players.every((p) => p.rank === null)).toBe(true);
    const before1 = trfBeforeRound(doc, 1);
    // Player 3 was absent (Z) in round 1.
    expect(before1.players.map((p) => p.rounds)).toEqual([[], [], [{ opponent: 0, colour: '-', result: 'Z' }]]);
    expect(writeTrf(before1)).toContain('XXR 5\nXXC white1\n');
  });

  it('infers the initial colour from the first round with colours', () => {
    const doc = parseTrf(SAMPLE);
    expect(trfInferInitialColour(doc)).toBe('white1');
    // Player 1 black in round 1 means black1.
    doc.players[0].rounds[0].colour = 'b';
    expect(trfInferInitialColour(doc)).toBe('black1');
    // Player 1 absent: player 2 is the first of round 1 and his colour gives it.
    const swapped = parseTrf(SAMPLE.replace('001    1', '001    9').replaceAll('     1 ', '     9 '));
    expect(trfInferInitialColour(swapped)).toBe('black1');
  });
});
