import { ValidationError } from './errors.ts';

/**
 * FIDE TRF-16 (Tournament Report File), the exchange format every FIDE-endorsed pairing
 * program reads. Pure: text in, a document out, and back; no I/O.
 *
 * What we read and write:
 * - the tournament header lines 012 (name), 022 (city), 032 (federation), 042 (start date),
 *   052 (end date), 062 (players), 072 (rated players), 082 (teams), 092 (type), 102 (chief
 *   arbiter), 112 (deputy arbiters), 122 (rate of play), 132 (round dates), kept verbatim;
 * - the 001 player lines, column by column (below);
 * - XXR (the total number of rounds) and XXC (`white1` / `black1`: the colour of the top
 *   player in round 1), the extensions bbpPairings and JaVaFo read;
 * - any other line (162, 240, 250, XXA, ...) is kept verbatim, so it survives a round trip.
 *
 * The 001 line, 1-based columns: 1-3 "001", 5-8 start rank, 10 sex, 11-13 title, 15-47 name,
 * 49-52 rating, 54-56 federation, 58-68 FIDE id, 70-79 birth date, 81-84 points, 86-89 rank;
 * then one 8-character entry per round starting at column 92 and every 10 columns after:
 * opponent's start rank (4, "0000" for none, blank for not paired), colour (w, b, - or blank),
 * result (1 0 = + - W D L H F U Z or blank).
 *
 * Writing is canonical (headers, players, XXR, XXC, then the other lines; LF line ends; no
 * trailing blanks), so write(parse(write(doc))) === write(doc). Columns count characters
 * (code points), as in bbpPairings. Every error is a TrfError naming the line and column.
 */

export const TRF_HEADER_CODES = [
  '012',
  '022',
  '032',
  '042',
  '052',
  '062',
  '072',
  '082',
  '092',
  '102',
  '112',
  '122',
  '132',
] as const;
export type TrfHeaderCode = (typeof TRF_HEADER_CODES)[number];

/** Result codes of a round entry. 1 0 =: played; W D L: played, scored as such (rapid/blitz
 * in TRF-16, equivalent for pairing); + -: forfeit win/loss; H half-point bye; F full-point
 * bye; U pairing-allocated bye; Z zero-point bye (absent); blank: not paired. */
export const TRF_RESULT_CODES = ['1', '0', '=', '+', '-', 'W', 'D', 'L', 'H', 'F', 'U', 'Z', ' '] as const;
export type TrfResult = (typeof TRF_RESULT_CODES)[number];
export type TrfColour = 'w' | 'b' | '-' | ' ';

export interface TrfRound {
  /** The opponent's start rank, 0 for "0000" (no opponent), null for blank. */
  opponent: number | null;
  colour: TrfColour;
  result: TrfResult;
}

export interface TrfPlayer {
  startRank: number;
  /** 'm', 'w' or '' (blank). */
  sex: string;
  /** Up to 3 characters (GM, IM, WGM, ...), blank when none. */
  title: string;
  name: string;
  rating: number | null;
  federation: string;
  fideId: string;
  /** As written, usually YYYY/MM/DD; blank when unknown. */
  birthDate: string;
  points: number;
  rank: number | null;
  rounds: TrfRound[];
}

export interface TrfHeader {
  code: TrfHeaderCode;
  value: string;
}

export interface TrfDocument {
  headers: TrfHeader[];
  players: TrfPlayer[];
  /** XXR: the total number of rounds, or null when absent. */
  totalRounds: number | null;
  /** XXC: the colour of the highest-ranked player in round 1, or null when absent. */
  initialColour: 'white1' | 'black1' | null;
  /** Lines of any other code, verbatim, in file order. */
  otherLines: string[];
}

/** Bad TRF: a 422 naming the line and the column (both 1-based). */
export class TrfError extends ValidationError {
  constructor(
    readonly line: number,
    readonly column: number,
    reason: string,
  ) {
    super('trf', `line ${line}, column ${column}: ${reason}`, { line, column });
  }
}

const ROUND_START = 91; // 0-based index of the first round entry (column 92)
const ROUND_WIDTH = 10;
const PLAYER_MIN_LENGTH = 84; // through the points field (column 84)
const RESULTS = new Set<string>(TRF_RESULT_CODES);
const HEADER_CODES = new Set<string>(TRF_HEADER_CODES);
/** Results of a game that was paired and played (needs an opponent and a colour). */
const PLAYED = new Set<string>(['1', '0', '=', 'W', 'D', 'L']);
/** Results that are never against an opponent. */
const BYES = new Set<string>(['H', 'F', 'U', 'Z']);

// ---------------------------------------------------------------------------------------
// Parsing

/** Parses a TRF text (LF, CRLF or CR line ends, as bbpPairings writes). */
export function parseTrf(text: string): TrfDocument {
  const doc: TrfDocument = { headers: [], players: [], totalRounds: null, initialColour: null, otherLines: [] };
  const lines = text.split(/\r\n|\r|\n/);
  const lineOf = new Map<number, number>(); // start rank -> line number
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    if (raw.trim() === '') return;
    const chars = Array.from(raw);
    const code = chars.slice(0, 3).join('');
    if (code === '001') {
      const player = parsePlayer(chars, lineNo);
      const seen = lineOf.get(player.startRank);
      if (seen !== undefined) {
        throw new TrfError(lineNo, 5, `start rank ${player.startRank} is already on line ${seen}`);
      }
      lineOf.set(player.startRank, lineNo);
      doc.players.push(player);
    } else if (HEADER_CODES.has(code)) {
      if (chars.length > 3 && chars[3] !== ' ') throw new TrfError(lineNo, 4, 'expected a blank after the code');
      doc.headers.push({ code: code as TrfHeaderCode, value: chars.slice(4).join('').trimEnd() });
    } else if (code === 'XXR') {
      const value = chars.slice(3).join('').trim();
      if (!/^\d{1,3}$/.test(value) || Number(value) < 1) {
        throw new TrfError(lineNo, 5, `XXR needs the total number of rounds (1-999), got "${value}"`);
      }
      doc.totalRounds = Number(value);
    } else if (code === 'XXC') {
      const tokens = chars.slice(3).join('').trim().split(/\s+/);
      const colour = tokens.find((t) => t === 'white1' || t === 'black1');
      if (!colour || tokens.some((t) => t !== 'white1' && t !== 'black1' && t !== 'rank')) {
        throw new TrfError(lineNo, 5, `XXC takes white1 or black1, got "${tokens.join(' ')}"`);
      }
      doc.initialColour = colour as 'white1' | 'black1';
    } else if (/^[0-9A-Z]{3}$/.test(code)) {
      doc.otherLines.push(raw.trimEnd());
    } else {
      throw new TrfError(lineNo, 1, `unknown line code "${code}"`);
    }
  });
  checkOpponents(doc, lineOf);
  return doc;
}

function field(chars: string[], from: number, to: number): string {
  // from/to: 1-based inclusive columns
  return chars.slice(from - 1, to).join('');
}

function parseUint(text: string, line: number, column: number, what: string): number {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) throw new TrfError(line, column, `${what} must be a whole number, got "${text}"`);
  return Number(trimmed);
}

function parsePlayer(chars: string[], line: number): TrfPlayer {
  if (chars.length < PLAYER_MIN_LENGTH) {
    throw new TrfError(line, chars.length + 1, `a 001 line runs at least to column ${PLAYER_MIN_LENGTH} (the points)`);
  }
  for (const col of [4, 9, 14, 48, 53, 57, 69, 80]) {
    if (chars[col - 1] !== ' ') throw new TrfError(line, col, `column ${col} separates two fields and must be blank`);
  }
  const startRank = parseUint(field(chars, 5, 8), line, 5, 'the start rank');
  if (startRank < 1) throw new TrfError(line, 5, 'the start rank must be at least 1');
  const ratingText = field(chars, 49, 52);
  const rating = ratingText.trim() === '' ? null : parseUint(ratingText, line, 49, 'the rating');
  const pointsText = field(chars, 81, 84).trim();
  if (!/^\d{1,3}(\.\d)?$/.test(pointsText)) {
    throw new TrfError(line, 81, `the points must be a number like 3.5, got "${pointsText}"`);
  }
  const rankText = field(chars, 86, 89);
  if (chars.length > 84 && chars[84] !== ' ') throw new TrfError(line, 85, 'column 85 separates two fields and must be blank');
  const rank = rankText.trim() === '' ? null : parseUint(rankText, line, 86, 'the rank');
  if (chars.length > 89 && field(chars, 90, 91).trim() !== '') {
    throw new TrfError(line, 90, 'columns 90-91 must be blank');
  }

  const rounds: TrfRound[] = [];
  for (let start = ROUND_START; start < chars.length; start += ROUND_WIDTH) {
    const col = start + 1;
    const entry = chars.slice(start, start + 8).join('').padEnd(8, ' ');
    const gap = chars.slice(start + 8, start + 10).join('');
    if (gap.trim() !== '') throw new TrfError(line, col + 8, 'two blanks must separate round entries');
    if (entry[4] !== ' ' || entry[6] !== ' ') {
      throw new TrfError(line, entry[4] !== ' ' ? col + 4 : col + 6, 'a round entry is "oooo c r" with single blanks');
    }
    const opponentText = entry.slice(0, 4);
    let opponent: number | null;
    if (opponentText === '    ') opponent = null;
    else if (opponentText === '0000') opponent = 0;
    else {
      if (!/^ *\d+$/.test(opponentText)) {
        throw new TrfError(line, col, `the opponent must be a start rank or 0000, got "${opponentText}"`);
      }
      opponent = Number(opponentText.trim());
      if (opponent === 0) throw new TrfError(line, col, 'an opponent of 0 is written 0000');
      if (opponent === startRank) throw new TrfError(line, col, 'a player cannot meet himself');
    }
    const colour = entry[5];
    if (colour !== 'w' && colour !== 'b' && colour !== '-' && colour !== ' ') {
      throw new TrfError(line, col + 5, `the colour must be w, b, - or blank, got "${colour}"`);
    }
    const result = entry[7];
    if (!RESULTS.has(result)) {
      throw new TrfError(line, col + 7, `unknown result code "${result}" (1 0 = + - W D L H F U Z or blank)`);
    }
    const hasOpponent = opponent !== null && opponent > 0;
    if (hasOpponent && colour !== 'w' && colour !== 'b' && !(result === '+' || result === '-' || result === ' ')) {
      throw new TrfError(line, col + 5, 'a game against an opponent needs the colour w or b');
    }
    if (!hasOpponent && (colour === 'w' || colour === 'b')) {
      throw new TrfError(line, col + 5, 'a colour needs an opponent');
    }
    if (PLAYED.has(result) && !hasOpponent) {
      throw new TrfError(line, col + 7, `the result "${result}" needs an opponent`);
    }
    if (BYES.has(result) && hasOpponent) {
      throw new TrfError(line, col + 7, `the result "${result}" is a bye and takes opponent 0000`);
    }
    rounds.push({ opponent, colour: colour as TrfColour, result: result as TrfResult });
  }
  return {
    startRank,
    sex: (chars[9] ?? ' ').trim(),
    title: field(chars, 11, 13).trim(),
    name: field(chars, 15, 47).trim(),
    rating,
    federation: field(chars, 54, 56).trim(),
    fideId: field(chars, 58, 68).trim(),
    birthDate: field(chars, 70, 79).trim(),
    points: Number(pointsText),
    rank,
    rounds,
  };
}

/** Every opponent exists and lists this player back in the same round with the other colour. */
function checkOpponents(doc: TrfDocument, lineOf: Map<number, number>): void {
  const byRank = new Map(doc.players.map((p) => [p.startRank, p]));
  for (const player of doc.players) {
    const line = lineOf.get(player.startRank)!;
    player.rounds.forEach((round, r) => {
      if (round.opponent === null || round.opponent === 0) return;
      const col = ROUND_START + 1 + r * ROUND_WIDTH;
      const other = byRank.get(round.opponent);
      if (!other) throw new TrfError(line, col, `round ${r + 1}: no player has start rank ${round.opponent}`);
      const back = other.rounds[r];
      if (!back || back.opponent !== player.startRank) {
        throw new TrfError(line, col, `round ${r + 1}: player ${round.opponent} does not list ${player.startRank} as opponent`);
      }
      if ((round.colour === 'w' || round.colour === 'b') && back.colour === round.colour) {
        throw new TrfError(line, col + 5, `round ${r + 1}: both players have the colour ${round.colour}`);
      }
    });
  }
}

// ---------------------------------------------------------------------------------------
// Writing

/** The canonical text of a document: LF line ends, a final LF, no trailing blanks. */
export function writeTrf(doc: TrfDocument): string {
  const out: string[] = [];
  for (const h of doc.headers) out.push(`${h.code} ${oneLine(h.value)}`.trimEnd());
  for (const p of doc.players) out.push(writePlayer(p));
  if (doc.totalRounds !== null) out.push(`XXR ${doc.totalRounds}`);
  if (doc.initialColour !== null) out.push(`XXC ${doc.initialColour}`);
  for (const l of doc.otherLines) out.push(l.trimEnd());
  return out.join('\n') + '\n';
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

/** Left-aligned in `width` characters, cut to fit (counting code points). */
function left(text: string, width: number): string {
  const chars = Array.from(oneLine(text)).slice(0, width);
  return chars.join('') + ' '.repeat(width - chars.length);
}

/** A number right-aligned in `width` columns; TRF has no room for more digits. */
function num(value: number, width: number, what: string): string {
  const text = String(value);
  if (text.length > width) throw new RangeError(`TRF has ${width} columns for ${what}; ${text} does not fit`);
  return text.padStart(width, ' ');
}

function right(text: string, width: number): string {
  const chars = Array.from(text).slice(-width);
  return ' '.repeat(width - chars.length) + chars.join('');
}

/** Points as TRF writes them: one decimal, e.g. " 3.5". */
export function trfPoints(points: number): string {
  return (Math.round(points * 10) / 10).toFixed(1);
}

function pointsField(points: number): string {
  const text = trfPoints(points);
  if (points < 0 || text.length > 4) throw new RangeError(`TRF has 4 columns for the points; ${text} does not fit`);
  return text.padStart(4, ' ');
}

function writePlayer(p: TrfPlayer): string {
  let line =
    '001 ' +
    num(p.startRank, 4, 'the start rank') +
    ' ' +
    left(p.sex.trim(), 1) +
    right(Array.from(p.title.trim()).slice(0, 3).join(''), 3) +
    ' ' +
    left(p.name.trim(), 33) +
    ' ' +
    (p.rating === null ? '    ' : num(p.rating, 4, 'the rating')) +
    ' ' +
    left(p.federation.trim(), 3) +
    ' ' +
    right(Array.from(p.fideId.trim()).slice(0, 11).join(''), 11) +
    ' ' +
    left(p.birthDate.trim(), 10) +
    ' ' +
    pointsField(p.points) +
    ' ' +
    (p.rank === null ? '    ' : num(p.rank, 4, 'the rank'));
  for (const r of p.rounds) {
    const opp = r.opponent === null ? '    ' : r.opponent === 0 ? '0000' : num(r.opponent, 4, 'an opponent');
    line += `  ${opp} ${r.colour} ${r.result}`;
  }
  return line.trimEnd();
}

// ---------------------------------------------------------------------------------------
// Reading the rounds

/** Points a result code scores, after the FIDE default (win 1, draw 0.5, loss 0). */
export function trfResultPoints(result: TrfResult, points = { win: 1, draw: 0.5, loss: 0 }): number {
  switch (result) {
    case '1':
    case '+':
    case 'W':
    case 'F':
    case 'U':
      return points.win;
    case '=':
    case 'D':
    case 'H':
      return points.draw;
    default:
      return points.loss;
  }
}

/** True when the entry was a game the pairing made (played or forfeited) or the pairing-allocated bye. */
export function trfParticipatedInPairing(round: TrfRound): boolean {
  return (round.opponent !== null && round.opponent > 0) || round.result === 'U';
}

/** The number of rounds with any entry: the longest player's record. */
export function trfPlayedRounds(doc: TrfDocument): number {
  let n = 0;
  for (const p of doc.players) {
    for (let r = p.rounds.length - 1; r >= 0; r--) {
      const e = p.rounds[r];
      if (e.opponent !== null || e.colour !== ' ' || e.result !== ' ') {
        n = Math.max(n, r + 1);
        break;
      }
    }
  }
  return n;
}

/** True for an entry that says the player was not paired that round (a bye he asked for, an
 * absence): it is known before the round is paired, so a pairing program reads it as input. */
export function trfAbsentEntry(round: TrfRound | undefined): boolean {
  if (!round) return false;
  return (round.opponent === 0 || round.opponent === null) && round.result !== 'U' && round.result !== ' ';
}

/**
 * The TRF a pairing program is given to pair round `round` (1-based): every player's rounds
 * before it, plus that round's entry for the players known to be absent (H, F, Z, or '-' with
 * no opponent), as bbpPairings and JaVaFo read a last column. Points are recomputed from the
 * rounds kept (win 1, draw 0.5 unless given), ranks are left blank, headers kept, XXR kept.
 */
export function trfBeforeRound(doc: TrfDocument, round: number, points = { win: 1, draw: 0.5, loss: 0 }): TrfDocument {
  return {
    ...doc,
    headers: doc.headers.map((h) => ({ ...h })),
    otherLines: [...doc.otherLines],
    players: doc.players.map((p) => {
      const kept = p.rounds.slice(0, round - 1).map((r) => ({ ...r }));
      while (kept.length < round - 1) kept.push({ opponent: null, colour: ' ', result: ' ' });
      const next = p.rounds[round - 1];
      const rounds = trfAbsentEntry(next) ? [...kept, { ...next }] : kept;
      return {
        ...p,
        rounds,
        rank: null,
        points: kept.reduce((sum, r) => sum + trfResultPoints(r.result, points), 0),
      };
    }),
  };
}

/**
 * The colour the highest-ranked player had (or would have had) in round 1, read from the
 * first round where anyone has a colour, the way bbpPairings infers it when XXC is absent:
 * the i-th player (0-based, by start rank) who took part in that round's pairing had
 * `initial` if i is even, the other colour if odd. Null when no round has a colour.
 */
export function trfInferInitialColour(doc: TrfDocument): 'white1' | 'black1' | null {
  const players = [...doc.players].sort((a, b) => a.startRank - b.startRank);
  let first = Infinity;
  for (const p of players) {
    const r = p.rounds.findIndex((e) => e.colour === 'w' || e.colour === 'b');
    if (r >= 0) first = Math.min(first, r);
  }
  if (first === Infinity) return null;
  let index = 0;
  for (const p of players) {
    if (!p.rounds.slice(0, first + 1).some(trfParticipatedInPairing)) continue;
    const c = p.rounds[first]?.colour;
    if (c === 'w' || c === 'b') {
      const white = (c === 'w') === (index % 2 === 0);
      return white ? 'white1' : 'black1';
    }
    index++;
  }
  return null;
}
