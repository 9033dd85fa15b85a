import { Type, type Static } from 'typebox';
import { Id, Int32, Nullable, Offset, PageLimit, Text, type WithDefaults } from './primitives.ts';
import { TieBreaks, Totals } from './rankings.ts';
import { Phase } from './tournaments.ts';

export const PhaseStandingsQuery = Type.Object({
  phase: Type.Optional(Phase),
  group: Type.Optional(Text({ minLength: 1, maxLength: 16, description: 'one group, e.g. A' })),
  limit: PageLimit(20_000, 100),
  offset: Offset(),
}, { additionalProperties: false, description: 'limit and offset page the lines of each table' });
export type PhaseStandingsQuery = WithDefaults<Static<typeof PhaseStandingsQuery>, 'limit' | 'offset'>;

export const PhaseTableLine = Type.Object({
  rank: Int32({ minimum: 1, description: 'players the tie-breakers cannot separate share a place' }),
  player_id: Id(),
  player_name: Type.String(),
  seed: Int32({ minimum: 1 }),
  played: Int32(),
  ...Totals(),
  tie_break_values: Type.Array(Nullable(Type.Number()), {
    description: "one per tie_breakers entry, in its order; null where the format did not need it for this player (head-to-head among players never level)",
  }),
  tie_breaks: TieBreaks(),
}, { additionalProperties: false });
export type PhaseTableLine = Static<typeof PhaseTableLine>;

export const PhaseTable = Type.Object({
  phase: Phase,
  group: Nullable(Type.String()),
  tie_breakers: Type.Array(Type.String(), { description: 'the criteria that ordered the lines, in the order applied, e.g. points, head_to_head, buchholz' }),
  total: Int32({ description: 'lines in the whole table' }),
  lines: Type.Array(PhaseTableLine),
}, { additionalProperties: false });
export type PhaseTable = Static<typeof PhaseTable>;

export const PhaseStandingsReply = Type.Object({
  tables: Type.Array(PhaseTable, { description: "the format's tables from the results so far; none for a knockout or before sessions exist" }),
}, { additionalProperties: false });
export type PhaseStandingsReply = Static<typeof PhaseStandingsReply>;
