import { parse } from 'csv-parse/sync';
import { ValidationError } from '../domain/errors.ts';
import { readParticipant, type ParticipantInput } from '../domain/participants.ts';
import { assertTransition } from '../domain/lifecycle.ts';
import type { ParticipantRecord, Store } from './ports.ts';
import { lockTournament, requireStatus } from './load-tournament.ts';

/** The most participants one call adds. */
export const PARTICIPANTS_MAX = 10_000;

/**
 * Creates the given people as players and enrolls them, seeded after those already in, in one
 * transaction (a DRAFT tournament opens its enrollment). Returns the whole participant list.
 */
export async function addParticipants(store: Store, tournamentId: number, entries: readonly ParticipantInput[]): Promise<ParticipantRecord[]> {
  if (entries.length === 0) throw new ValidationError('participants', 'lists nobody');
  if (entries.length > PARTICIPANTS_MAX) throw new ValidationError('participants', `lists ${entries.length}; at most ${PARTICIPANTS_MAX} at once`);
  return store.transaction(async (tx) => {
    const tournament = await lockTournament(tx, tournamentId);
    requireStatus(tournament, ['DRAFT', 'ENROLLMENT_OPEN'], 'add participants');
    if (tournament.status === 'DRAFT') {
      assertTransition('DRAFT', 'ENROLLMENT_OPEN');
      await tx.tournaments.setStatus(tournamentId, 'ENROLLMENT_OPEN');
    }
    const players = await tx.players.create(entries);
    await tx.enrollments.enroll(tournamentId, players.map((p) => p.id));
    return tx.enrollments.participants(tournamentId);
  });
}

/** Reads participants typed as JSON objects, naming the entry a bad field is in. */
export function readParticipantEntries(entries: readonly { name?: unknown; rating?: unknown; club?: unknown }[]): ParticipantInput[] {
  return entries.map((e, i) => readParticipant(e, `participants[${i}]`));
}

/**
 * Reads a pasted list: one participant a line, `name` or `name, rating, club` (CSV quoting for a
 * comma in a name; a rating may group its thousands, "1,800"); blank lines are skipped. A bad
 * line is a 422 naming it.
 */
export function readParticipantList(text: string): ParticipantInput[] {
  const out: ParticipantInput[] = [];
  for (const { record, line } of parseCsv(text, 'text')) {
    if (record.every((f) => f.trim() === '')) continue;
    const fields = groupedRating(record);
    if (fields.length > 3) throw new ValidationError(`line ${line}`, `has ${fields.length} fields; expected name, rating, club`, { line });
    out.push(readAt(line, { name: fields[0], rating: fields[1], club: fields[2] }));
  }
  if (out.length === 0) throw new ValidationError('text', 'lists nobody');
  return out;
}

/**
 * "Eve, 1,800, Leeds": a rating typed with a thousands separator. A comma followed at once (no
 * space) by exactly three digits, after one to three digits, groups the rating's digits; it does
 * not start a club (a club "800" would be typed after a space: "Eve, 1, 800" is rating 1).
 */
function groupedRating(record: string[]): string[] {
  if (record.length >= 3 && /^\s*\d{1,3}$/.test(record[1]) && /^\d{3}$/.test(record[2])) {
    return [record[0], `${record[1].trim()}${record[2]}`, ...record.slice(3)];
  }
  return record;
}

/**
 * Reads a CSV file with a header row naming its columns: `name` (required), `rating` and `club`
 * (optional), in any order and case; other columns are ignored and reported. A bad row is a 422
 * naming its line (the header is line 1).
 */
export function readParticipantCsv(text: string): { participants: ParticipantInput[]; ignoredColumns: string[] } {
  const records = parseCsv(text, 'file');
  if (records.length === 0) throw new ValidationError('file', 'is empty: expected a header row with a name column');
  const header = records[0].record.map((h) => h.trim().toLowerCase());
  const column = (name: string) => header.indexOf(name);
  const nameAt = column('name');
  if (nameAt === -1) {
    throw new ValidationError('line 1', `the header must have a "name" column (found: ${header.join(', ') || 'nothing'})`, { line: 1 });
  }
  const duplicate = header.find((h, i) => h !== '' && header.indexOf(h) !== i);
  if (duplicate) throw new ValidationError('line 1', `the header names "${duplicate}" twice`, { line: 1 });
  const ratingAt = column('rating');
  const clubAt = column('club');
  const participants: ParticipantInput[] = [];
  for (const { record, line } of records.slice(1)) {
    if (record.every((f) => f.trim() === '')) continue;
    if (record.length !== header.length) {
      throw new ValidationError(`line ${line}`, `has ${record.length} fields; the header has ${header.length}`, { line });
    }
    participants.push(readAt(line, {
      name: record[nameAt],
      rating: ratingAt === -1 ? undefined : record[ratingAt],
      club: clubAt === -1 ? undefined : record[clubAt],
    }));
  }
  if (participants.length === 0) throw new ValidationError('file', 'has a header but no participants');
  if (participants.length > PARTICIPANTS_MAX) throw new ValidationError('file', `lists ${participants.length}; at most ${PARTICIPANTS_MAX} at once`);
  return { participants, ignoredColumns: header.filter((h) => !['name', 'rating', 'club'].includes(h)) };
}

// A field error names the line: "line 4: rating must be…", with the line and the field in details.
function readAt(line: number, fields: { name?: string; rating?: string; club?: string }): ParticipantInput {
  try {
    return readParticipant(fields, '');
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new ValidationError(`line ${line}`, `${error.field} ${String(error.details.reason)}`, { line, column: error.field });
    }
    throw error;
  }
}

// Records with the line each ends on (csv-parse counts lines across quoted line breaks).
function parseCsv(text: string, field: string): { record: string[]; line: number }[] {
  try {
    const rows = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    return rows.map((r) => ({ record: r.record, line: r.info.lines }));
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    const line = typeof e.lines === 'number' ? e.lines : undefined;
    throw new ValidationError(line === undefined ? field : `line ${line}`, `is not valid CSV: ${String(e.message ?? error).slice(0, 200)}`, line === undefined ? {} : { line });
  }
}
