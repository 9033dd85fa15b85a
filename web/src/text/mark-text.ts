/**
 * Marks of an individual event (a score, a time, a distance) for display, and the columns of a
 * ranking by marks: what the server ranked each row by, as it named them in `tie_breaks`
 * (round_reached, mark, valid_attempts). Display only: the values come computed.
 */
import { countText } from './number-text.ts';

/** A mark as entered: a number, × for a failed attempt, blank for none yet. */
export function markText(value: number | null | undefined): string {
  if (value === null) return '×';
  if (value === undefined) return '';
  return Number.isInteger(value) ? value.toLocaleString('en') : String(value);
}

/** Whether rows were ranked by marks (an individual event) rather than by wins, draws and losses. */
export function rankedByMarks(tieBreaks: Record<string, number | null> | undefined): boolean {
  return tieBreaks !== undefined && 'mark' in tieBreaks && 'valid_attempts' in tieBreaks;
}

export interface MarkColumn {
  /** The tie_breaks key the value is under. */
  name: 'mark' | 'valid_attempts' | 'round_reached';
  heading: string;
  title: string;
}

/** The columns of a ranking by marks, as the event's settings describe them ("Best (m)", "Total (ms)"). */
export function markColumns(settings: Record<string, unknown>): MarkColumn[] {
  const sum = settings.aggregate === 'sum';
  const unit = settings.measure === 'time_ms' ? ' (ms)' : settings.measure === 'distance' ? ' (m)' : '';
  const columns: MarkColumn[] = [
    { name: 'mark', heading: `${sum ? 'Total' : 'Best'}${unit}`, title: sum ? 'The sum of the valid attempts' : 'The best valid attempt' },
    { name: 'valid_attempts', heading: 'Attempts', title: 'Valid attempts (a failed one does not count)' },
  ];
  if (typeof settings.rounds === 'number' && settings.rounds > 1) columns.push({ name: 'round_reached', heading: 'Round', title: 'The last round reached (later rounds rank first)' });
  return columns;
}

/** A value of a mark column: the mark as entered (— without a valid attempt), else a count. */
export function markColumnText(column: MarkColumn, value: number | null | undefined): string {
  if (column.name === 'mark') return value === null || value === undefined ? '—' : markText(value);
  return countText(value);
}
