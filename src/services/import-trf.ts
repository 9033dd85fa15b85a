import { NAME_MAX } from '../domain/participants.ts';
import type { Session } from '../domain/formats/format.ts';
import { getFormat } from '../domain/formats/registry.ts';
import { maxSwissRounds, SWISS_POINTS } from '../domain/formats/swiss.ts';
import { unplayedSession } from '../domain/unplayed-session.ts';
import { parseTrf, TrfError, type TrfDocument, type TrfPlayer, type TrfRound } from '../domain/trf.ts';
import { addDueSessions } from './add-due-sessions.ts';
import type { Store, TournamentRecord } from './ports.ts';

export interface ImportedTrf {
  tournament: TournamentRecord;
  players: number;
  /** Rounds read from the file (those with a game, a bye or an absence). */
  rounds: number;
  sessions: number;
  withdrawn: number;
  /** One-round absences kept (H, F, Z entries that are not a withdrawal). */
  absent: number;
  /** Sessions of the next round paired at once, because every round read was complete. */
  addedCount: number;
}

const ROUND_COLUMN = 92;
const ROUND_WIDTH = 10;

/**
 * Creates a Swiss tournament from a TRF-16 file (src/domain/trf.ts): the players (start rank =
 * seed; name and rating), the rounds as sessions with their results, the withdrawals; then,
 * when every round read is complete and rounds remain, the next round is paired as after any
 * result. All in one transaction, set-based. Byes and absences without an opponent: `U` is the
 * pairing-allocated bye (derived, as for any Swiss here); `H`, `F` and `Z` are kept as the
 * player's absence from that round (Entrant.absences), in a round read or announced for the
 * next round to pair, except that Z in every round from some round through the last column
 * (the next round's, while rounds remain) is a withdrawal from that round on. What this server
 * cannot hold is a 422 naming the line and the column: start ranks not 1..N, more rounds than
 * XXR allows, a round a player has no entry for, an entry announced beyond the next round,
 * results the two players' lines contradict.
 *
 * Our export reads back to the same tournament, so export, import, export gives the same file.
 */
export async function importTrf(store: Store, text: string): Promise<ImportedTrf> {
  const doc = parseTrf(text);
  const lines = text.split(/\r\n|\r|\n/);
  const plan = planImport(doc, lines);
  const format = getFormat('swiss');
  const settings: Record<string, unknown> = { rounds: plan.totalRounds };
  if (plan.points) settings.points = plan.points;
  if (format.settings.some((s) => s.name === 'initial_colour') && doc.initialColour) settings.initial_colour = doc.initialColour;
  // A draft is checked as at creation (against the largest field); a started Swiss against its own.
  format.validate(plan.rounds > 0 ? doc.players.length : format.maxPlayers, settings);

  return store.transaction(async (tx) => {
    const tournament = await tx.tournaments.create({
      name: plan.name,
      format: 'swiss',
      settings,
      status: plan.rounds > 0 ? 'IN_PROGRESS' : 'DRAFT',
    });
    const created = await tx.players.create(plan.players.map((p) => ({ name: p.name, rating: p.rating, club: null })));
    const ids = created.map((p) => p.id);
    await tx.enrollments.enroll(tournament.id, ids);
    await tx.enrollments.markWithdrawn(
      tournament.id,
      plan.withdrawals.map((w) => ({ playerId: ids[w.startRank - 1], fromRound: w.fromRound })),
    );
    await tx.enrollments.markAbsent(tournament.id, plan.absences.map((a) => ({ playerId: ids[a.startRank - 1], round: a.round, code: a.code })));
    const sessions: Session[] = plan.games.map((g, key) => {
      const s = unplayedSession({ key, phase: 'SWISS', round: g.round, matchNumber: g.board, participants: [ids[g.white - 1], ids[g.black - 1]] });
      if (g.outcome === null) return s;
      s.resultSubmitted = true;
      s.outcome = g.outcome;
      s.winnerId = g.winner === 'white' ? ids[g.white - 1] : g.winner === 'black' ? ids[g.black - 1] : null;
      s.score = g.outcome === 'walkover' ? null : g.winner === 'white' ? [1, 0] : g.winner === 'black' ? [0, 1] : [0, 0];
      return s;
    });
    if (sessions.length > 0) await tx.sessions.insertFrom(tournament.id, sessions, [], 0);
    const addedCount = plan.rounds > 0 ? await addDueSessions(tx, tournament) : 0;
    return {
      tournament,
      players: ids.length,
      rounds: plan.rounds,
      sessions: sessions.length,
      withdrawn: plan.withdrawals.length,
      absent: plan.absences.length,
      addedCount,
    };
  });
}

interface PlannedGame {
  round: number;
  board: number;
  white: number;
  black: number;
  /** null: paired, no result yet. */
  outcome: 'played' | 'walkover' | null;
  winner: 'white' | 'black' | null;
}

interface ImportPlan {
  name: string;
  players: { name: string; rating: number | null }[];
  rounds: number;
  totalRounds: number;
  points: { win: number; draw: number; loss: number } | null;
  games: PlannedGame[];
  withdrawals: { startRank: number; fromRound: number }[];
  absences: { startRank: number; round: number; code: 'H' | 'F' | 'Z' }[];
}

/** Checks the document against what a Swiss here can hold and lays out what to create. */
export function planImport(doc: TrfDocument, lines: readonly string[]): ImportPlan {
  const lineOf = (pred: (l: string) => boolean): number => lines.findIndex(pred) + 1;
  const playerLine = (p: TrfPlayer): number => lineOf((l) => l.startsWith('001') && Number(l.slice(4, 8)) === p.startRank);
  const col = (round: number) => ROUND_COLUMN + (round - 1) * ROUND_WIDTH;

  const name = doc.headers.find((h) => h.code === '012')?.value.trim() ?? '';
  if (!name) throw new TrfError(1, 1, 'the tournament name (a 012 line) is missing');
  if (!storable(name)) throw new TrfError(lineOf((l) => l.startsWith('012')), 5, 'the tournament name holds a NUL or an unpaired surrogate');
  const players = [...doc.players].sort((a, b) => a.startRank - b.startRank);
  if (players.length < 2) throw new TrfError(Math.max(1, lines.length), 1, `a Swiss needs at least 2 players (001 lines), got ${players.length}`);
  players.forEach((p, i) => {
    if (p.startRank !== i + 1) throw new TrfError(playerLine(p), 5, `start ranks must run 1 to ${players.length} without gaps; ${i + 1} is missing`);
    if (!p.name) throw new TrfError(playerLine(p), 15, `player ${p.startRank} has no name`);
    if (!storable(p.name)) throw new TrfError(playerLine(p), 15, `player ${p.startRank}'s name holds a NUL or an unpaired surrogate`);
    if (p.name.length > NAME_MAX) throw new TrfError(playerLine(p), 15, `a name is at most ${NAME_MAX} characters`);
  });

  // Rounds that exist: the last round in which anyone has a game.
  let rounds = 0;
  for (const p of players) p.rounds.forEach((r, i) => { if (r.opponent !== null && r.opponent > 0) rounds = Math.max(rounds, i + 1); });
  const xxrLine = lineOf((l) => l.startsWith('XXR'));
  const totalRounds = doc.totalRounds ?? Math.max(rounds, 1);
  const max = rounds > 0 ? maxSwissRounds(players.length) : Number.MAX_SAFE_INTEGER;
  if (totalRounds > max) throw new TrfError(xxrLine || 1, 5, `a Swiss of ${players.length} players has at most ${max} rounds, XXR says ${totalRounds}`);
  if (rounds > totalRounds) throw new TrfError(xxrLine || 1, 5, `the players' lines hold ${rounds} rounds, more than XXR's ${totalRounds}`);

  const withdrawals: { startRank: number; fromRound: number }[] = [];
  const absences: { startRank: number; round: number; code: 'H' | 'F' | 'Z' }[] = [];
  // The last column a withdrawal's Zs reach: the next round to pair while rounds remain.
  const lastColumn = rounds < totalRounds ? rounds + 1 : rounds;
  for (const p of players) {
    const line = playerLine(p);
    // Entries past the last round: only an absence (H, F, Z) announced for the next round to pair.
    p.rounds.forEach((r, i) => {
      if (i + 1 > rounds && !isBlank(r) && !(isAbsence(r.result) && r.opponent !== null && r.opponent <= 0)) {
        throw new TrfError(line, col(i + 1), `round ${i + 1} has no game in the file; only an absence (H, F or Z) may be announced for it`);
      }
      if (i + 1 > rounds + 1 && !isBlank(r)) throw new TrfError(line, col(i + 1), `round ${i + 1}: an absence may be announced for the next round only (${rounds + 1})`);
      if (i + 1 > rounds && i + 1 > totalRounds && !isBlank(r)) throw new TrfError(line, col(i + 1), `round ${i + 1}: XXR says the Swiss has ${totalRounds} rounds`);
    });
    for (let i = 0; i < rounds; i++) {
      const r = p.rounds[i];
      if (!r || isBlank(r)) throw new TrfError(line, col(i + 1), `round ${i + 1} has no entry: a player not paired gets U (the pairing-allocated bye), H, F or Z`);
      if ((r.opponent === null || r.opponent === 0) && r.result !== 'U' && !isAbsence(r.result)) {
        throw new TrfError(line, col(i + 1) + 7, `round ${i + 1}: without an opponent the result must be U, H, F or Z, got "${r.result}"`);
      }
    }
    // In a started Swiss, Z from some round through the last column is a withdrawal from that
    // round; every other H, F, Z is an absence from its round.
    let from = Infinity;
    if (rounds > 0 && p.rounds[lastColumn - 1]?.result === 'Z') {
      from = lastColumn;
      while (from > 1 && p.rounds[from - 2].result === 'Z') from--;
      withdrawals.push({ startRank: p.startRank, fromRound: from });
    }
    p.rounds.forEach((r, i) => {
      if (i + 1 < from && isAbsence(r.result) && (r.opponent === null || r.opponent <= 0)) {
        absences.push({ startRank: p.startRank, round: i + 1, code: r.result as 'H' | 'F' | 'Z' });
      }
    });
  }

  const games: PlannedGame[] = [];
  for (let round = 1; round <= rounds; round++) {
    const boards: PlannedGame[] = [];
    for (const p of players) {
      const r = p.rounds[round - 1];
      if (r.opponent === null || r.opponent <= 0) continue;
      const other = players[r.opponent - 1];
      const back = other.rounds[round - 1];
      // Each game once: from the white side, or from the lower start rank when neither has a colour.
      const isWhite = r.colour === 'w' || (r.colour !== 'b' && back.colour !== 'w' && p.startRank < other.startRank);
      if (!isWhite) continue;
      const game = gameOf(r, back);
      if (!game) throw new TrfError(playerLine(other), col(round) + 7, `round ${round}: "${r.result}" for ${p.startRank} and "${back.result}" for ${other.startRank} do not make one result`);
      boards.push({ round, board: 0, white: p.startRank, black: other.startRank, ...game });
    }
    // TRF keeps no board numbers: boards by the higher of the two start ranks.
    boards.sort((a, b) => Math.min(a.white, a.black) - Math.min(b.white, b.black));
    boards.forEach((g, i) => { g.board = i + 1; games.push(g); });
  }

  return {
    name: name.slice(0, NAME_MAX),
    players: players.map((p) => ({ name: p.name, rating: p.rating })),
    rounds,
    totalRounds,
    points: readPointLines(doc, lines),
    games,
    withdrawals,
    absences,
  };
}

/** A bye the player is known to take or an absence: H half-point, F full-point, Z zero-point. */
function isAbsence(result: string): boolean {
  return result === 'H' || result === 'F' || result === 'Z';
}

/** Text the database can hold: no NUL, no unpaired surrogate. */
function storable(text: string): boolean {
  return !text.includes('\u0000') && !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

function isBlank(r: TrfRound): boolean {
  return r.opponent === null && r.colour === ' ' && r.result === ' ';
}

/** The result of a game from the two entries (white's first), or null when they contradict. */
function gameOf(w: TrfRound, b: TrfRound): Pick<PlannedGame, 'outcome' | 'winner'> | null {
  const pair = `${norm(w.result)}${norm(b.result)}`;
  switch (pair) {
    case '10': return { outcome: 'played', winner: 'white' };
    case '01': return { outcome: 'played', winner: 'black' };
    case '==': return { outcome: 'played', winner: null };
    case '+-': return { outcome: 'walkover', winner: 'white' };
    case '-+': return { outcome: 'walkover', winner: 'black' };
    case '--': return { outcome: 'walkover', winner: null };
    case '  ': return { outcome: null, winner: null };
    default: return null;
  }
}

function norm(result: string): string {
  return result === 'W' ? '1' : result === 'L' ? '0' : result === 'D' ? '=' : result;
}

/** settings.points from bbpPairings' BBW/BBD/BBL lines; null when the file has none (1 / 0.5 / 0). */
function readPointLines(doc: TrfDocument, lines: readonly string[]): { win: number; draw: number; loss: number } | null {
  const points = { ...SWISS_POINTS };
  let any = false;
  for (const l of doc.otherLines) {
    const code = l.slice(0, 3);
    if (code !== 'BBW' && code !== 'BBD' && code !== 'BBL') continue;
    const value = l.slice(4).trim();
    if (!/^\d{1,2}(\.\d)?$/.test(value)) throw new TrfError(lines.findIndex((x) => x.trimEnd() === l) + 1, 5, `${code} takes points like 1.0, got "${value}"`);
    any = true;
    if (code === 'BBW') points.win = Number(value);
    else if (code === 'BBD') points.draw = Number(value);
    else points.loss = Number(value);
  }
  return any ? points : null;
}
