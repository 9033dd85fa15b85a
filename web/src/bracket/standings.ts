import type { Session } from '../api/wire-types.ts';

/** One player's line in a group, league or Swiss table, tallied from the sessions. */
export interface StandingRow {
  playerId: number;
  name: string;
  seed: number | null;
  played: number;
  wins: number;
  draws: number;
  losses: number;
  scoreFor: number;
  scoreAgainst: number;
  points: number;
}

export interface PointsScheme {
  win: number;
  draw: number;
  loss: number;
}

export const DEFAULT_POINTS: PointsScheme = { win: 3, draw: 1, loss: 0 };

/** The tournament's points scheme from its settings ({points: {win, draw, loss}}, keys left out at 3/1/0). */
export function pointsScheme(settings: Record<string, unknown> | undefined): PointsScheme {
  const p = settings?.points;
  if (!p || typeof p !== 'object') return DEFAULT_POINTS;
  const given = p as Record<string, unknown>;
  const pick = (key: keyof PointsScheme) => (typeof given[key] === 'number' && Number.isFinite(given[key]) ? (given[key] as number) : DEFAULT_POINTS[key]);
  return { win: pick('win'), draw: pick('draw'), loss: pick('loss') };
}

/**
 * Tables by group (sessions without a group form one table), every player who appears in a
 * session listed, sorted by points, score difference, score for, then seed.
 */
export function standingsByGroup(sessions: readonly Session[], points: PointsScheme): Map<string, StandingRow[]> {
  const groups = new Map<string, Map<number, StandingRow>>();
  for (const s of sessions) {
    const key = s.group_identifier ?? '';
    let table = groups.get(key);
    if (!table) {
      table = new Map();
      groups.set(key, table);
    }
    for (const p of s.participants) {
      if (!table.has(p.id)) {
        table.set(p.id, { playerId: p.id, name: p.name, seed: p.seed, played: 0, wins: 0, draws: 0, losses: 0, scoreFor: 0, scoreAgainst: 0, points: 0 });
      }
    }
    if (!s.result_submitted || s.participants.length !== 2) continue;
    const [a, b] = [...s.participants].sort((x, y) => x.slot - y.slot);
    const ra = table.get(a.id)!;
    const rb = table.get(b.id)!;
    const [sa, sb] = s.score ?? [0, 0];
    ra.played++;
    rb.played++;
    ra.scoreFor += sa;
    ra.scoreAgainst += sb;
    rb.scoreFor += sb;
    rb.scoreAgainst += sa;
    if (s.winner_id === null) {
      ra.draws++;
      rb.draws++;
      ra.points += points.draw;
      rb.points += points.draw;
    } else {
      const [w, l] = s.winner_id === a.id ? [ra, rb] : [rb, ra];
      w.wins++;
      l.losses++;
      w.points += points.win;
      l.points += points.loss;
    }
  }
  const out = new Map<string, StandingRow[]>();
  for (const key of [...groups.keys()].sort((x, y) => x.localeCompare(y, 'en', { numeric: true }))) {
    const rows = [...groups.get(key)!.values()].sort(
      (x, y) =>
        y.points - x.points ||
        y.scoreFor - y.scoreAgainst - (x.scoreFor - x.scoreAgainst) ||
        y.scoreFor - x.scoreFor ||
        (x.seed ?? Number.MAX_SAFE_INTEGER) - (y.seed ?? Number.MAX_SAFE_INTEGER),
    );
    out.set(key, rows);
  }
  return out;
}
