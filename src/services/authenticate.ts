import { UnauthenticatedError } from './errors.ts';
import type { Role, Store } from './ports.ts';
import { verifyPassword } from './passwords.ts';

// Verified against when the email is unknown, so both failures take the same time.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** Checks an email and password; the same 401 whichever of the two is wrong. */
export async function authenticate(store: Store, email: string, password: string): Promise<{ id: number; email: string; role: Role }> {
  const user = await store.users.findByEmail(email);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) throw new UnauthenticatedError('email or password is wrong');
  return { id: user.id, email: user.email, role: user.role };
}
