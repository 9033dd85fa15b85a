import { describe, it, expect } from 'vitest';
import { calendar, escapeText, foldLine, utcStamp } from './icalendar.ts';

describe('iCalendar', () => {
  it('escapes text and writes UTC times', () => {
    expect(escapeText('Court 1; A, B\\C\nnext')).toBe('Court 1\\; A\\, B\\\\C\\nnext');
    expect(utcStamp(new Date('2026-06-01T09:30:00.000Z'))).toBe('20260601T093000Z');
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'é'.repeat(60)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBe(2);
    expect(new TextEncoder().encode(parts[0]).length).toBeLessThanOrEqual(75);
    expect(parts[1].startsWith(' ')).toBe(true);
    expect(new TextEncoder().encode(parts[1]).length).toBeLessThanOrEqual(75);
    expect(parts[0] + parts[1].slice(1)).toBe(line);
    expect(foldLine('SHORT:1')).toBe('SHORT:1');
  });

  it('writes a calendar of events with CRLF line ends', () => {
    const text = calendar(
      'Club open',
      [{ uid: 'a@tourney', start: new Date('2026-06-01T09:00:00Z'), end: new Date('2026-06-01T09:30:00Z'), summary: 'Ann vs Ben', location: 'Court 1', description: 'Round 1, match 1' }],
      new Date('2026-05-30T12:00:00Z'),
    );
    expect(text.split('\r\n')).toEqual([
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//tourney//schedule//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:Club open',
      'BEGIN:VEVENT', 'UID:a@tourney', 'DTSTAMP:20260530T120000Z', 'DTSTART:20260601T090000Z', 'DTEND:20260601T093000Z',
      'SUMMARY:Ann vs Ben', 'LOCATION:Court 1', 'DESCRIPTION:Round 1\\, match 1', 'END:VEVENT', 'END:VCALENDAR', '',
    ]);
  });
});
