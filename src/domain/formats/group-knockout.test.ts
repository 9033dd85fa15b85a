import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { Prng } from '../prng.ts';
import { applyResult } from '../progression.ts';
import type { Entrant, Session } from './format.ts';
import { groupKnockout, groupName, snakeGroups } from './group-knockout.ts';
import { qualifierLines } from './qualifier-draw.ts';

// Player ids are ten times the seed, so pairings read in seed numbers.
const field = (n: number): Entrant[] => Array.from({ length: n }, (_, i) => ({ playerId: (i + 1) * 10, seed: i + 1 }));
const pairs = (sessions: readonly Session[]): string =>
  sessions.map((s) => `${(s.participants[0] ?? 0) / 10}-${(s.participants[1] ?? 0) / 10}`).join(' ');

/** Plays every ready session: `pick` returns [scoreA, scoreB]; knockout draws become 1-0 to the first named. */
function playReady(sessions: Session[], pick: (s: Session) => [number, number]): number {
  let played = 0;
  for (let again = true; again; ) {
    again = false;
    for (const s of sessions) {
      if (s.resultSubmitted || s.participants[0] === null || s.participants[1] === null) continue;
      let [a, b] = pick(s);
      if (a === b && s.phase === 'KNOCKOUT') [a, b] = [a + 1, b];
      const winner = a > b ? s.participants[0] : b > a ? s.participants[1] : null;
      applyResult(sessions, s.key, winner, [a, b], true);
      played++;
      again = true;
    }
  }
  return played;
}

const favouriteWins = (s: Session): [number, number] => (s.participants[0]! < s.participants[1]! ? [1, 0] : [0, 1]);

/** The whole tournament: groups, knockout, to the end. */
function playThrough(entrants: Entrant[], settings: ReturnType<typeof groupKnockout.validate>, pick: (s: Session) => [number, number]): Session[] {
  const sessions = groupKnockout.plan(entrants, settings);
  for (;;) {
    playReady(sessions, pick);
    const more = groupKnockout.nextSessions(sessions, entrants, settings);
    if (more.length === 0) return sessions;
    sessions.push(...more);
  }
}

describe('groups', () => {
  it('names groups A..Z, then AA, AB, ...', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(groupName)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('fills groups by snake seeding: 32 players in 8 groups give A seeds 1, 16, 17 and 32', () => {
    const groups = snakeGroups(32, 8).map((g) => g.map((s) => s + 1));
    expect(groups[0]).toEqual([1, 16, 17, 32]);
    expect(groups[7]).toEqual([8, 9, 24, 25]);
    // An uneven field: sizes differ by one at most.
    expect(snakeGroups(10, 3).map((g) => g.map((s) => s + 1))).toEqual([[1, 6, 7], [2, 5, 8], [3, 4, 9, 10]]);
  });

  it('plays each group as a Berger round robin, numbering matches on across groups within a round', () => {
    const sessions = groupKnockout.plan(field(32), groupKnockout.validate(32, {}));
    expect(sessions.length).toBe(48);
    const round1 = sessions.filter((s) => s.round === 1);
    expect(round1.map((s) => s.matchNumber)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(round1.map((s) => s.group).join('')).toBe('AABBCCDDEEFFGGHH');
    expect(pairs(sessions.filter((s) => s.group === 'A'))).toBe('1-32 16-17 32-17 1-16 16-32 17-1');
    const keys = new Set(sessions.map((s) => `${s.phase}|${s.round}|${s.matchNumber}`));
    expect(keys.size).toBe(sessions.length);
    expect(sessions.every((s, i) => s.key === i && s.phase === 'GROUP' && !s.resultSubmitted)).toBe(true);
  });

  it('plans a double round robin in the groups when asked', () => {
    const sessions = groupKnockout.plan(field(8), groupKnockout.validate(8, { double_round_robin: true }));
    expect(pairs(sessions.filter((s) => s.group === 'A'))).toBe('1-8 4-5 4-8 5-1 8-5 1-4 8-1 5-4 5-8 4-1 8-4 1-5');
  });
});

describe('knockout after the groups', () => {
  it('comes once every group session has a result, from winners and runners-up kept apart', () => {
    const entrants = field(32);
    const settings = groupKnockout.validate(32, {});
    const sessions = groupKnockout.plan(entrants, settings);
    expect(groupKnockout.nextSessions(sessions, entrants, settings)).toEqual([]);
    for (const s of sessions.slice(0, 47)) applyResult(sessions, s.key, s.participants[0], [1, 0], true);
    expect(groupKnockout.nextSessions(sessions, entrants, settings)).toEqual([]);
    playReady(sessions, favouriteWins);
    const knockout = groupKnockout.nextSessions(sessions, entrants, settings);
    // Winners are seeds 1..8 (groups A..H), runners-up 16..9. Each runner-up is in the half
    // opposite their group's winner, so a winner meets a runner-up of another group.
    expect(pairs(knockout.filter((s) => s.round === 1))).toBe('1-10 8-15 4-11 5-14 2-9 7-16 3-12 6-13');
    expect(knockout.map((s) => s.key)).toEqual(Array.from({ length: 16 }, (_, i) => 48 + i));
    expect(knockout.map((s) => `${s.round}.${s.matchNumber}`).join(' ')).toBe(
      '1.1 1.2 1.3 1.4 1.5 1.6 1.7 1.8 2.1 2.2 2.3 2.4 3.1 3.2 4.1 4.999',
    );
    expect(knockout.every((s) => s.phase === 'KNOCKOUT' && s.group === null)).toBe(true);
    sessions.push(...knockout);
    expect(groupKnockout.nextSessions(sessions, entrants, settings)).toEqual([]);
    playReady(sessions, favouriteWins);
    expect(groupKnockout.nextSessions(sessions, entrants, settings)).toEqual([]);
  });

  it('gives byes to the top group winners and leaves out the playoff when asked', () => {
    const entrants = field(12);
    const settings = groupKnockout.validate(12, { third_place_playoff: false });
    const sessions = groupKnockout.plan(entrants, settings);
    playReady(sessions, favouriteWins);
    const knockout = groupKnockout.nextSessions(sessions, entrants, settings);
    // Groups A (1, 6, 7, 12), B (2, 5, 8, 11), C (3, 4, 9, 10): six qualifiers in a bracket of 8.
    expect(pairs(knockout)).toBe('5-4 3-6 1-0 2-0 0-0');
  });

  it('keeps players of one group apart as promised, and every qualifier enters the knockout once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 400 }),
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (n, groupSize, advance, seed) => {
          let settings;
          try {
            settings = groupKnockout.validate(n, { group_size: groupSize, advance_per_group: advance });
          } catch (error) {
            expect(error).toBeInstanceOf(ValidationError);
            return;
          }
          const entrants = field(n);
          const prng = new Prng(seed);
          const sessions = groupKnockout.plan(entrants, settings);
          playReady(sessions, () => [prng.int(0, 3), prng.int(0, 3)]);
          const knockout = groupKnockout.nextSessions(sessions, entrants, settings);
          const groupOf = new Map<number, string>();
          for (const s of sessions) for (const p of s.participants) groupOf.set(p!, s.group!);
          const groupCount = Math.ceil(n / groupSize);

          // Each player's first knockout session, then the path its winner takes.
          const byKey = new Map(knockout.map((s) => [s.key, s]));
          const first = new Map<number, Session>();
          for (const s of knockout) {
            for (const p of s.participants) {
              if (p === null) continue;
              expect(first.has(p)).toBe(false);
              first.set(p, s);
            }
          }
          expect(first.size).toBe(groupCount * advance);
          const perGroup = new Map<string, number[]>();
          for (const p of first.keys()) perGroup.set(groupOf.get(p)!, [...(perGroup.get(groupOf.get(p)!) ?? []), p]);
          expect(perGroup.size).toBe(groupCount);
          for (const members of perGroup.values()) expect(members.length).toBe(advance);

          const path = (p: number): number[] => {
            const keys: number[] = [];
            for (let s: Session | undefined = first.get(p); s !== undefined; s = s.next ? byKey.get(s.next.key) : undefined) keys.push(s.key);
            return keys;
          };
          const finalRound = Math.max(...knockout.map((s) => s.round));
          const meetingRound = (p: number, q: number): number => {
            const onPath = new Set(path(p));
            return byKey.get(path(q).find((k) => onPath.has(k))!)!.round;
          };
          if (groupCount >= 2 && advance >= 2 && advance <= 4) {
            const earliest = advance === 2 ? finalRound : finalRound - 1;
            for (const members of perGroup.values()) {
              for (let i = 0; i < members.length; i++) {
                for (let j = i + 1; j < members.length; j++) expect(meetingRound(members[i], members[j])).toBeGreaterThanOrEqual(earliest);
              }
            }
          }
          if (groupCount >= 2 && advance <= 4) {
            for (const s of knockout.filter((k) => k.round === 1)) expect(groupOf.get(s.participants[0]!)).not.toBe(groupOf.get(s.participants[1]!));
          }

          sessions.push(...knockout);
          playReady(sessions, () => [prng.int(0, 3), prng.int(0, 3)]);
          const rows = groupKnockout.rank(sessions, entrants, settings);
          expect(rows.length).toBe(n);
          expect(new Set(rows.map((r) => r.playerId)).size).toBe(n);
          expect(rows[0].rank).toBe(1);
          for (const r of rows) expect(r.rank <= groupCount * advance).toBe(first.has(r.playerId));
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);

  it('separates group-mates as far as the bracket allows for every number of groups', () => {
    // Exhaustive over 2..160 groups: two qualifiers meet only in the final; three or four not before the semi-final.
    for (let advance = 2; advance <= 4; advance++) {
      for (let groups = 2; groups <= 160; groups++) {
        const lines = qualifierLines(Array.from({ length: groups }, (_, g) => Array.from({ length: advance }, (_, p) => g * 10 + p)));
        const rounds = Math.log2(lines.length);
        const line = new Map<number, number>();
        lines.forEach((p, i) => p !== null && line.set(p, i));
        let earliest = rounds;
        for (let g = 0; g < groups; g++) {
          for (let p = 0; p < advance; p++) {
            for (let q = p + 1; q < advance; q++) earliest = Math.min(earliest, 32 - Math.clz32(line.get(g * 10 + p)! ^ line.get(g * 10 + q)!));
          }
        }
        expect(earliest).toBeGreaterThanOrEqual(advance === 2 ? rounds : rounds - 1);
      }
    }
  }, 30_000);
});

describe('group_knockout rank', () => {
  it('ranks knockout players by knockout rules, then the others by group position, points, score difference, score for', () => {
    const entrants = field(8);
    const settings = groupKnockout.validate(8, {});
    const sessions = playThrough(entrants, settings, favouriteWins);
    // A: 1, 4, 5, 8 and B: 2, 3, 6, 7; semi-finals 1-3 and 2-4, playoff 3-4.
    expect(pairs(sessions.filter((s) => s.phase === 'KNOCKOUT'))).toBe('1-3 2-4 1-2 3-4');
    const rows = groupKnockout.rank(sessions, entrants, settings);
    // 5 and 6 both finished third on 3 points, -1 and 1 scored: they share 5th; 7 and 8 share 7th.
    expect(rows.map((r) => `${r.playerId / 10}:${r.rank}`)).toEqual(['1:1', '2:2', '3:3', '4:4', '5:5', '6:5', '7:7', '8:7']);
    expect(rows[0]).toEqual({ playerId: 10, rank: 1, points: 15, wins: 5, draws: 0, losses: 0, scoreFor: 5, scoreAgainst: 0 });
    expect(rows[3]).toEqual({ playerId: 40, rank: 4, points: 6, wins: 2, draws: 0, losses: 3, scoreFor: 2, scoreAgainst: 3 });
  });

  it('ranks third places by points, then score difference, then score for', () => {
    const entrants = field(8);
    const settings = groupKnockout.validate(8, {});
    // 5 beats 8 by 3 goals, 6 beats 7 by 1 but scores 4: 5 ahead on score difference.
    const score = (s: Session): [number, number] => {
      const [a, b] = [s.participants[0]! / 10, s.participants[1]! / 10];
      const big = (a === 5 && b === 8) || (a === 8 && b === 5) ? [3, 0] : (a === 6 && b === 7) || (a === 7 && b === 6) ? [4, 3] : [1, 0];
      return a < b ? (big as [number, number]) : [big[1], big[0]];
    };
    const sessions = playThrough(entrants, settings, score);
    const rows = groupKnockout.rank(sessions, entrants, settings);
    expect(rows.slice(4).map((r) => `${r.playerId / 10}:${r.rank}`)).toEqual(['5:5', '6:6', '7:7', '8:8']);
  });

  it('puts a third place with more points ahead, whatever the score difference', () => {
    const entrants = field(8);
    const settings = groupKnockout.validate(8, {});
    // 6 draws with 3 (both on 4 points; 3 stays second on seed) while 5 beats 8 by three goals.
    const score = (s: Session): [number, number] => {
      const [a, b] = [s.participants[0]! / 10, s.participants[1]! / 10];
      if ((a === 3 && b === 6) || (a === 6 && b === 3)) return [0, 0];
      if ((a === 5 && b === 8) || (a === 8 && b === 5)) return a === 5 ? [3, 0] : [0, 3];
      return a < b ? [1, 0] : [0, 1];
    };
    const sessions = playThrough(entrants, settings, score);
    const rows = groupKnockout.rank(sessions, entrants, settings);
    expect(rows.slice(4).map((r) => `${r.playerId / 10}:${r.rank}:${r.points}`)).toEqual(['6:5:4', '5:6:3', '7:7:0', '8:8:0']);
  });

  it('ranks by group standing alone before the knockout exists', () => {
    const entrants = field(8);
    const settings = groupKnockout.validate(8, {});
    const sessions = groupKnockout.plan(entrants, settings);
    playReady(sessions, favouriteWins);
    expect(groupKnockout.rank(sessions, entrants, settings).map((r) => `${r.playerId / 10}:${r.rank}`)).toEqual([
      '1:1', '2:1', '3:3', '4:3', '5:5', '6:5', '7:7', '8:7',
    ]);
  });
});

describe('group_knockout validate', () => {
  it('accepts 3 to 4096 players and names the limit otherwise', () => {
    for (const n of [2, 4097]) {
      expect(() => groupKnockout.validate(n, {})).toThrow(new ValidationError('player_count', 'must be an integer from 3 to 4096 for group_knockout'));
    }
  });

  it('fills defaults under their wire names and accepts its own output again', () => {
    const parsed = groupKnockout.validate(32, {});
    expect(parsed).toEqual({
      group_size: 4,
      advance_per_group: 2,
      double_round_robin: false,
      points: { win: 3, draw: 1, loss: 0 },
      tie_breakers: ['points', 'head_to_head', 'score_difference', 'score_for', 'wins', 'seed'],
      third_place_playoff: true,
    });
    expect(groupKnockout.validate(32, { ...parsed })).toEqual(parsed);
    expect(groupKnockout.validate(32, { group_size: 2 }).advance_per_group).toBe(1);
  });

  it('names the setting and its limit', () => {
    const cases: [number, Record<string, unknown>, string, string][] = [
      [32, { group_size: 1 }, 'settings.group_size', 'must be an integer from 2 to 256'],
      [32, { group_size: 'four' }, 'settings.group_size', 'must be an integer from 2 to 256'],
      [32, { advance_per_group: 4 }, 'settings.advance_per_group', 'must be an integer from 1 to 3'],
      [32, { advance_per_group: 0 }, 'settings.advance_per_group', 'must be an integer from 1 to 3'],
      [5, {}, 'settings.advance_per_group', 'must be less than the smallest group: 5 players in 2 group(s) of at most 4 leave a group of 2'],
      [4, { advance_per_group: 1 }, 'settings.advance_per_group', 'must be at least 2 when all 4 players form one group, so that the knockout has a final'],
      [32, { third_place_playoff: 1 }, 'settings.third_place_playoff', 'must be a boolean'],
      [
        32,
        { groups: 8 },
        'settings.groups',
        'unknown setting for group_knockout; allowed: group_size, advance_per_group, double_round_robin, points, tie_breakers, third_place_playoff',
      ],
    ];
    for (const [n, settings, field, reason] of cases) {
      expect(() => groupKnockout.validate(n, settings)).toThrow(new ValidationError(field, reason));
    }
  });
});
