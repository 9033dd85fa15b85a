import { Type, type Static } from 'typebox';
import { Int32 } from './primitives.ts';

const settingProperties = {
  name: Type.String(),
  type: Type.Union([Type.Literal('boolean'), Type.Literal('integer'), Type.Literal('string'), Type.Literal('object'), Type.Literal('array')]),
  description: Type.String(),
  default: Type.Optional(Type.Unknown()),
  choices: Type.Optional(Type.Array(Type.String(), { description: "the values a 'string' setting accepts; for an 'array', the names its list may hold" })),
};

export const FormatSetting = Type.Object({
  ...settingProperties,
  fields: Type.Optional(Type.Array(Type.Object(settingProperties, { additionalProperties: false }), { description: "an 'object' setting's keys, each described like a setting" })),
}, { additionalProperties: false });
export type FormatSetting = Static<typeof FormatSetting>;

export const FormatDescription = Type.Object({
  name: Type.String(),
  min_players: Int32(),
  max_players: Int32(),
  allows_draws: Type.Boolean(),
  settings: Type.Array(FormatSetting),
}, { additionalProperties: false });
export type FormatDescription = Static<typeof FormatDescription>;

export const FormatsReply = Type.Object({
  async_threshold: Int32({ description: 'player count from which generation is queued' }),
  formats: Type.Array(FormatDescription),
}, { additionalProperties: false });
export type FormatsReply = Static<typeof FormatsReply>;
