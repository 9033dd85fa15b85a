/**
 * FIDE TRF-16 on the wire: a Swiss exported as the text a pairing program reads, and a Swiss
 * created from such a text (src/domain/trf.ts, src/services/export-trf.ts, import-trf.ts).
 */
import { Type, type Static } from 'typebox';
import { Int32 } from './primitives.ts';
import { Tournament } from './tournaments.ts';

export const TrfText = {
  description: 'FIDE TRF-16 (text/plain; charset=utf-8), LF line ends',
  content: { 'text/plain': { schema: Type.String() } },
};

export const ImportTrfReply = Type.Object({
  tournament: Tournament,
  players: Int32({ description: 'players created and enrolled (start rank = seed)' }),
  rounds: Int32({ description: 'rounds read from the file' }),
  sessions: Int32({ description: 'games created, with their results' }),
  withdrawn: Int32({ description: 'players withdrawn (a Z in every round from one on, through the next round to pair while rounds remain)' }),
  absent: Int32({ description: 'one-round absences kept: H (half-point bye), F (full-point bye), Z (absent) entries that are not a withdrawal' }),
  added_count: Int32({ description: 'sessions of the next round, paired at once when every round read was complete' }),
}, { additionalProperties: false });
export type ImportTrfReply = Static<typeof ImportTrfReply>;
