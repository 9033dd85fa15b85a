import { ConflictError } from '../domain/errors.ts';
import type { Role, Store } from './ports.ts';
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
