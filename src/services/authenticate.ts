import { createHash, randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { TooManyError, UnauthenticatedError } from './errors.ts';
import type { Clock, LockoutPolicy, Store, UserAccess } from './ports.ts';
import { verifyPassword } from './passwords.ts';

// Verified against when the email is unknown, so both failures take the same time.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** 10 failed logins for one email within 15 minutes lock it for 15 minutes. */
export const LOCKOUT: LockoutPolicy = { maxFailures: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

function lockedOut(email: string, until: number, now: number): TooManyError {
  const seconds = Math.max(1, Math.ceil((until - now) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new TooManyError(
    'account_locked',
    `too many failed logins for ${email}: logins for it are refused for ${minutes} more minute${minutes === 1 ? '' : 's'}; try again then, or ask an admin to set a new password`,
    seconds,
    { locked_until: new Date(until).toISOString() },
  );
}

/**
 * Checks an email and password; the same 401 whichever of the two is wrong. Repeated failures
 * for one email (known or not, so the lockout tells nothing about who has an account) lock
 * it out for a while: a 429 `account_locked` with the time left, whatever the password.
 */
export async function authenticate(store: Store, clock: Clock, email: string, password: string, policy: LockoutPolicy = LOCKOUT): Promise<UserAccess> {
  const key = email.toLowerCase();
  const now = clock.now();
  const lockedUntil = await store.users.loginLockedUntil(key, now);
  if (lockedUntil !== null) throw lockedOut(email, lockedUntil, now);
  const user = await store.users.findByEmail(email);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) {
    const until = await store.users.recordLoginFailure(key, now, policy);
    if (until !== null) throw lockedOut(email, until, now);
    throw new UnauthenticatedError('email or password is wrong');
  }
  await store.users.clearLoginFailures(key);
  return { id: user.id, email: user.email, role: user.role, tokenVersion: user.tokenVersion };
}

/**
 * The users tokens name, as stored now, remembered for a few seconds so checking every
 * request stays cheap. A change made through this process is seen at once (forget); one
 * made through another process within `ttlMs`.
 */
export class TokenHolders {
  private readonly cache: LRUCache<number, { user: UserAccess | null }>;

  constructor(
    private readonly store: Store,
    ttlMs = 5_000,
    max = 10_000,
  ) {
    this.cache = new LRUCache({ max, ttl: ttlMs });
  }

  /** The user with this id, or null when there is none. */
  async find(id: number): Promise<UserAccess | null> {
    const cached = this.cache.get(id);
    if (cached) return cached.user;
    const user = await this.store.users.findAccess(id);
    this.cache.set(id, { user });
    return user;
  }

  forget(id: number): void {
    this.cache.delete(id);
  }
}

/** A new calendar feed token (shown once) and the hash that is stored. */
export function newFeedToken(): { token: string; hash: string } {
  const token = `feed_${randomBytes(24).toString('base64url')}`;
  return { token, hash: hashFeedToken(token) };
}

export function hashFeedToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Gives the user a new calendar feed token, which replaces (revokes) any earlier one. */
export async function issueFeedToken(store: Store, userId: number): Promise<string> {
  const { token, hash } = newFeedToken();
  if (!(await store.users.setFeedTokenHash(userId, hash))) throw new UnauthenticatedError('the account behind this token no longer exists');
  return token;
}

export async function revokeFeedToken(store: Store, userId: number): Promise<void> {
  await store.users.setFeedTokenHash(userId, null);
}

/** The user a calendar feed token belongs to, or null. */
export async function feedTokenHolder(store: Store, token: string): Promise<UserAccess | null> {
  return store.users.findByFeedTokenHash(hashFeedToken(token));
}
