import { Type, type Static } from 'typebox';
import { ROLES } from '../../services/ports.ts';
import { Email, Id, Text } from './primitives.ts';

export const Role = Type.Enum(ROLES);
export type Role = Static<typeof Role>;

export const LoginBody = Type.Object({
  email: Text({ minLength: 3, maxLength: 254 }),
  password: Text({ minLength: 1, maxLength: 1024 }),
}, { additionalProperties: false });
export type LoginBody = Static<typeof LoginBody>;

export const LoginReply = Type.Object({
  access_token: Type.String({ description: 'send as Authorization: Bearer <token>' }),
  token_type: Type.Literal('bearer'),
  role: Role,
  email: Type.String(),
}, { additionalProperties: false });
export type LoginReply = Static<typeof LoginReply>;

export const Me = Type.Object({
  id: Id(),
  email: Type.String(),
  role: Role,
}, { additionalProperties: false });
export type Me = Static<typeof Me>;
