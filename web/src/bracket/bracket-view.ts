/**
 * What the bracket component shows, computed apart from React: the words for a match, the
 * search hits, and the pieces (matches and connectors) that cross the visible band.
 */
import type { Session } from '../api/wire-types.ts';
import { COLUMN_GAP, COLUMN_WIDTH, columnLeft, MATCH_HEIGHT, slotCentre, type BracketShape } from './bracket-geometry.ts';

export function sideNames(s: Session): string {
  const names = [0, 1].map((slot) => s.participants.find((p) => p.slot === slot)?.name ?? 'to be decided');
  return `${names[0]} vs ${names[1]}`;
}

/** "Semi-final, match 2: Ann vs Ben", or "Third-place playoff: …". */
export function matchLabel(shape: BracketShape, s: Session, finalRound: number, playoffs: ReadonlySet<string>): string {
  if (playoffs.has(s.id)) return `Third-place playoff: ${sideNames(s)}`;
  return `${shape.roundName(s.tournament_round, finalRound)}, match ${s.tournament_match_number}: ${sideNames(s)}`;
}

export function scoreText(s: Session): string {
  if (!s.result_submitted || !s.score) return 'not played yet';
  return `${s.score[0]}–${s.score[1]}`;
}

/** Sessions with a player whose name holds `query` (any case), the furthest round first. */
export function searchHits(sessions: readonly Session[], query: string): Session[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  return sessions
    .filter((s) => s.participants.some((p) => p.name.toLowerCase().includes(q)))
    .sort((a, b) => b.tournament_round - a.tournament_round || a.tournament_match_number - b.tournament_match_number);
}

/** A line joining two matches: vertical from `top` down `height`, or horizontal along `top` for `width`. */
export interface Connector {
  key: string;
  className: 'connector-v' | 'connector-h';
  left: number;
  top: number;
  width?: number;
  height?: number;
}

export interface PlacedMatch {
  session: Session;
  left: number;
  /** The box's top edge. */
  top: number;
}

/**
 * The matches, and their connectors, that cross the band from `top` to `bottom` (body pixels):
 * per column only the slots from the first to the last in it, whatever the size of the round.
 */
export function visiblePieces(
  shape: BracketShape,
  columns: readonly (Session | undefined)[][],
  rounds: readonly number[],
  startRound: number,
  top: number,
  bottom: number,
): { connectors: Connector[]; matches: PlacedMatch[] } {
  const connectors: Connector[] = [];
  const matches: PlacedMatch[] = [];
  columns.forEach((column, c) => {
    const round = rounds[c];
    const span = slotCentre(shape, startRound, round, 1) - slotCentre(shape, startRound, round, 0);
    const from = Math.max(0, Math.floor((top - MATCH_HEIGHT) / span));
    const to = Math.min(column.length - 1, Math.ceil((bottom + MATCH_HEIGHT) / span));
    const left = columnLeft(c);
    const previous = c > 0 ? columns[c - 1] : undefined;
    for (let index = from; index <= to; index++) {
      const s = column[index];
      if (!s) continue;
      const centre = slotCentre(shape, startRound, round, index);
      // Incoming connector from the feeding slots of the previous column (a bye feeds none).
      const feeding = shape.feed(round) === 'same' ? [index] : [2 * index, 2 * index + 1];
      const feeders = previous ? feeding.filter((i) => previous[i] !== undefined).map((i) => slotCentre(shape, startRound, round - 1, i)) : [];
      if (feeders.length > 0) {
        const a = Math.min(centre, ...feeders);
        const b = Math.max(centre, ...feeders);
        connectors.push(
          { key: `v${s.id}`, className: 'connector-v', left: left - COLUMN_GAP / 2, top: a, height: b - a },
          { key: `h${s.id}`, className: 'connector-h', left: left - COLUMN_GAP / 2, top: centre, width: COLUMN_GAP / 2 },
        );
      }
      if (c < columns.length - 1) {
        connectors.push({ key: `o${s.id}`, className: 'connector-h', left: left + COLUMN_WIDTH, top: centre, width: COLUMN_GAP / 2 });
      }
      matches.push({ session: s, left, top: centre - MATCH_HEIGHT / 2 });
    }
  });
  return { connectors, matches };
}
