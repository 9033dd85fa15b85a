/**
 * Our Swiss tie-breaks against FIDE's tie-break reference program (TieBreakServer, by the author
 * of C.07), on the 45 golden Swiss events with draws, forfeits, double forfeits, half- and
 * full-point byes, absences, withdrawals and pairing-allocated byes. Its answers are data in
 * tests/fixtures/tie-breaks (scripts/tie-break-fixtures.ts regenerates them given a checkout).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Entrant, Session } from '../../src/domain/formats/format.ts';
import { swissHistory, type SwissAbsence } from '../../src/domain/formats/swiss-history.ts';
import { swissTable, swissTieBreakValues } from '../../src/domain/formats/swiss-tie-breaks.ts';
import { parseTrf, type TrfDocument } from '../../src/domain/trf.ts';

interface Reference {
  columns: string[];
  events: { event: string; trf: string; rows: number[][] }[];
}

const reference = JSON.parse(
  gunzipSync(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'tie-breaks', 'c07-reference.json.gz'))).toString('utf8'),
) as Reference;
const CHESS = { win: 1, draw: 0.5, loss: 0 };

/** A TRF's games as SWISS sessions (white first) and its byes as absences; a `U` stays an absence from every session. */
function fromTrf(doc: TrfDocument): { entrants: Entrant[]; sessions: Session[]; absences: SwissAbsence[] } {
  const entrants = doc.players.map((p) => ({ playerId: p.startRank, seed: p.startRank }));
  const sessions: Session[] = [];
  const absences: SwissAbsence[] = [];
  for (const p of doc.players) {
    p.rounds.forEach((t, r) => {
      if (!t.opponent) {
        if (t.result !== 'U') absences.push({ playerId: p.startRank, round: r + 1, code: t.result === 'H' || t.result === 'F' ? t.result : 'Z' });
        return;
      }
      if (t.colour !== 'w') return;
      const black = t.opponent;
      const theirs = doc.players.find((q) => q.startRank === black)!.rounds[r].result;
      const walkover = t.result === '+' || t.result === '-';
      const winner = t.result === '1' || t.result === '+' ? p.startRank : theirs === '1' || theirs === '+' ? black : null;
      sessions.push({
        key: sessions.length, phase: 'SWISS', round: r + 1, matchNumber: sessions.length + 1, group: null,
        participants: [p.startRank, black],
        winnerId: winner,
        score: walkover ? null : winner === null ? [1, 1] : winner === p.startRank ? [1, 0] : [0, 1],
        resultSubmitted: true, outcome: walkover ? 'walkover' : 'played', next: null, loserNext: null,
      });
    });
  }
  return { entrants, sessions, absences };
}

describe('Swiss tie-breaks agree with FIDE\'s reference program (TieBreakServer) on 45 golden events', () => {
  it('the fixtures cover every result code and 2,477 players', () => {
    const codes = new Set(reference.events.flatMap((e) => parseTrf(e.trf).players.flatMap((p) => p.rounds.map((r) => r.result))));
    expect([...codes].sort()).toEqual(['+', '-', '0', '1', '=', 'F', 'H', 'U', 'Z']);
    expect(reference.events.reduce((n, e) => n + e.rows.length, 0)).toBe(2477);
    expect(reference.columns).toEqual(['start_rank', 'PTS', 'BH', 'BH/C1', 'BH/M1', 'SB', 'PS', 'WIN', 'BWG', 'rank_default', 'rank_de']);
  });

  it('points, BH, BH-C1, BH-M1, SB, PS, WIN and BWG are the same for every player', () => {
    const differences: string[] = [];
    for (const { event, trf, rows } of reference.events) {
      const { entrants, sessions, absences } = fromTrf(parseTrf(trf));
      const history = swissHistory(entrants, sessions, { points: CHESS, absences });
      const v = swissTieBreakValues(history, CHESS);
      for (const [start, ...expected] of rows) {
        const i = start - 1;
        const ours = [history.players[i].score, v.buchholz[i], v.buchholz_cut1[i], v.buchholz_median[i], v.sonneborn_berger[i], v.progressive[i], v.wins[i], v.wins_with_black[i]];
        ours.forEach((x, k) => {
          if (Math.abs(x - expected[k]) > 1e-9) differences.push(`${event} player ${start} ${reference.columns[k + 1]}: ${x}, FIDE ${expected[k]}`);
        });
      }
    }
    expect(differences).toEqual([]);
  });

  it('the ranks are the same by the default order (PTS BH-C1 BH SB PS DE WIN) and by direct encounter alone', () => {
    const differences: string[] = [];
    for (const { event, trf, rows } of reference.events) {
      const { entrants, sessions, absences } = fromTrf(parseTrf(trf));
      const byDefault = swissTable(sessions, entrants, {
        points: CHESS, absences, tieBreakers: ['buchholz_cut1', 'buchholz', 'sonneborn_berger', 'progressive', 'direct_encounter', 'wins'],
      });
      const byDe = swissTable(sessions, entrants, { points: CHESS, absences, tieBreakers: ['direct_encounter'] });
      const rankDefault = new Map(byDefault.map((l) => [l.playerId, l.rank]));
      const rankDe = new Map(byDe.map((l) => [l.playerId, l.rank]));
      for (const row of rows) {
        const [start] = row;
        const [expectedDefault, expectedDe] = row.slice(-2);
        if (rankDefault.get(start) !== expectedDefault) differences.push(`${event} player ${start} default rank ${rankDefault.get(start)}, FIDE ${expectedDefault}`);
        if (rankDe.get(start) !== expectedDe) differences.push(`${event} player ${start} DE rank ${rankDe.get(start)}, FIDE ${expectedDe}`);
      }
    }
    expect(differences).toEqual([]);
  });
});
