import { ConflictError, NotFoundError } from '../domain/errors.ts';
import type { Role, Store, UserAccess } from './ports.ts';
import { generatePassword, hashPassword } from './passwords.ts';

/** Creates a user; 409 when the email is taken. */
export async function createUser(store: Store, input: { email: string; password: string; role: Role }) {
  const user = await store.users.create(input.email.toLowerCase(), await hashPassword(input.password), input.role);
  if (!user) throw new ConflictError(`a user with email ${input.email} already exists`, { field: 'email' }, 'email_taken');
  return user;
}

/** Users by id, a page at a time. */
export async function listUsers(store: Store, query: { limit: number; afterId?: number }) {
  return store.users.list(query);
}

/**
 * Creates the bootstrap admin when no user exists. Returns the password when it was
 * generated (to be printed once), null when configured or when users already exist.
 */
export async function ensureAdmin(store: Store, email: string, configuredPassword: string | undefined): Promise<{ created: boolean; generatedPassword: string | null }> {
  if ((await store.users.count()) > 0) return { created: false, generatedPassword: null };
  const password = configuredPassword ?? generatePassword();
  const user = await store.users.create(email.toLowerCase(), await hashPassword(password), 'admin');
  return { created: user !== null, generatedPassword: user && !configuredPassword ? password : null };
}

/** Refuses a change that would leave no admin; the admins stay locked until the transaction ends. */
async function keepAnAdmin(tx: Store, id: number, becomes: Role | 'deleted'): Promise<void> {
  if (becomes === 'admin') return;
  const admins = await tx.users.lockAdmins();
  if (admins.length === 1 && admins[0] === id) {
    throw new ConflictError(`user ${id} is the last admin: make another user admin first`, { user_id: id }, 'last_admin');
  }
}

/**
 * Changes a user's role and/or password. Either bumps the user's token version, so every
 * token issued before stops working at once (the user logs in again); a new password also
 * lifts a login lockout. 404 for no such user, 409 for demoting the last admin.
 */
export async function updateUser(store: Store, id: number, changes: { role?: Role; password?: string }): Promise<UserAccess> {
  const passwordHash = changes.password === undefined ? undefined : await hashPassword(changes.password);
  return store.transaction(async (tx) => {
    if (changes.role !== undefined) await keepAnAdmin(tx, id, changes.role);
    const user = await tx.users.update(id, { role: changes.role, passwordHash });
    if (!user) throw new NotFoundError(`user ${id} does not exist`, { user_id: id });
    if (passwordHash !== undefined) await tx.users.clearLoginFailures(user.email.toLowerCase());
    return user;
  });
}

/** Deletes a user; their tokens stop working at once. 404 for no such user, 409 for the last admin. */
export async function deleteUser(store: Store, id: number): Promise<void> {
  await store.transaction(async (tx) => {
    await keepAnAdmin(tx, id, 'deleted');
    if (!(await tx.users.delete(id))) throw new NotFoundError(`user ${id} does not exist`, { user_id: id });
  });
}
