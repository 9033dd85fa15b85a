import { Type, type Static } from 'typebox';
import { AfterId, Id, Nullable, PageLimit, Text, type WithDefaults } from './primitives.ts';

export const Player = Type.Object({
  id: Id(),
  name: Type.String(),
  rating: Nullable(Type.Number({ description: 'e.g. an Elo rating; seeds by rating when the tournament does' })),
  club: Nullable(Type.String()),
}, { additionalProperties: false });
export type Player = Static<typeof Player>;

export const CreatePlayersBody = Type.Object({
  names: Type.Array(Text({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 10_000 }),
}, { additionalProperties: false });
export type CreatePlayersBody = Static<typeof CreatePlayersBody>;

export const CreatedPlayers = Type.Object({ items: Type.Array(Player) }, { additionalProperties: false });
export type CreatedPlayers = Static<typeof CreatedPlayers>;

export const PlayerListQuery = Type.Object({
  limit: PageLimit(1000, 100),
  after_id: Type.Optional(AfterId({ description: 'continue after this id' })),
  search: Type.Optional(Text({ maxLength: 100, description: 'part of the name, matched literally' })),
}, { additionalProperties: false });
export type PlayerListQuery = WithDefaults<Static<typeof PlayerListQuery>, 'limit'>;

export const PlayerPage = Type.Object({
  items: Type.Array(Player),
  next_after_id: Nullable(Id({ description: 'after_id of the next page; null on the last' })),
}, { additionalProperties: false });
export type PlayerPage = Static<typeof PlayerPage>;
