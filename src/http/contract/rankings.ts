import { Type, type Static } from 'typebox';
import { Id, Int32, Nullable, Offset, PageLimit, Text, type WithDefaults } from './primitives.ts';

/** The values of the criteria that ordered a row, by name, in the order applied. */
export const TieBreaks = () =>
  Type.Record(Type.String(), Nullable(Type.Number()), {
    description:
      'each criterion that ordered the row with this player\'s value, e.g. {"points": 5, "buchholz_cut1": 17.5, "buchholz": 20}; null where it was not needed for this player (head-to-head or direct encounter among players never level); {} for a format ranked without a table (knockout)',
  });

/** A player's results as every table and ranking states them: points, games won, drawn and lost, score for and against. */
export const Totals = () => ({
  points: Type.Number(),
  wins: Int32(),
  draws: Int32(),
  losses: Int32(),
  score_for: Int32(),
  score_against: Int32(),
});

export const Ranking = Type.Object({
  player_id: Id(),
  player_name: Type.String(),
  seed: Nullable(Int32({ minimum: 1 })),
  rank: Int32({ minimum: 1 }),
  ...Totals(),
  tie_breaks: TieBreaks(),
}, { additionalProperties: false });
export type Ranking = Static<typeof Ranking>;

export const RankingListQuery = Type.Object({
  limit: PageLimit(1000, 100),
  offset: Offset(),
  search: Type.Optional(Text({ maxLength: 100, description: "part of the player's name, matched literally" })),
}, { additionalProperties: false });
export type RankingListQuery = WithDefaults<Static<typeof RankingListQuery>, 'limit' | 'offset'>;

export const RankingPage = Type.Object({
  items: Type.Array(Ranking),
  total: Int32({ description: 'rankings matching the search, over all pages' }),
}, { additionalProperties: false });
export type RankingPage = Static<typeof RankingPage>;
