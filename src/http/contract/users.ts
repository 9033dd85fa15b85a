import { Type, type Static } from 'typebox';
import { Role } from './auth.ts';
import { AfterId, Email, Id, Nullable, PageLimit, Text, type WithDefaults } from './primitives.ts';

export const User = Type.Object({ id: Id(), email: Type.String(), role: Role }, { additionalProperties: false });
export type User = Static<typeof User>;

export const CreateUserBody = Type.Object({
  email: Email(),
  password: Text({ minLength: 8, maxLength: 1024 }),
  role: Role,
}, { additionalProperties: false });
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UserListQuery = Type.Object({
  limit: PageLimit(1000, 100),
  after_id: Type.Optional(AfterId({ description: 'continue after this id' })),
}, { additionalProperties: false });
export type UserListQuery = WithDefaults<Static<typeof UserListQuery>, 'limit'>;

export const UserPage = Type.Object({
  items: Type.Array(User),
  next_after_id: Nullable(Id({ description: 'after_id of the next page; null on the last' })),
}, { additionalProperties: false });
export type UserPage = Static<typeof UserPage>;

export const UserParams = Type.Object({ id: Id({ description: 'user id' }) });

export const UpdateUserBody = Type.Object({
  role: Type.Optional(Role),
  password: Type.Optional(Text({ minLength: 8, maxLength: 1024 })),
}, { additionalProperties: false, minProperties: 1, description: "a new role and/or password; either ends the user's current tokens" });
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const DeletedUser = Type.Object({ id: Id(), deleted: Type.Literal(true) }, { additionalProperties: false });
export type DeletedUser = Static<typeof DeletedUser>;
