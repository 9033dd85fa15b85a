import { sql } from 'drizzle-orm';
import type { LockoutPolicy, Role, UserAccess, UserCredentials, UserRecord, Users } from '../services/ports.ts';
import type { Db } from './database.ts';

const ACCESS = sql`id, email, role, token_version as "tokenVersion"`;

export class UserRepository implements Users {
  constructor(private readonly db: Db) {}

  async findByEmail(email: string): Promise<UserCredentials | null> {
    const result = await this.db.execute(sql`
      select ${ACCESS}, password_hash as "passwordHash" from users where lower(email) = lower(${email})`);
    return (result.rows[0] as unknown as UserCredentials | undefined) ?? null;
  }

  async count(): Promise<number> {
    const result = await this.db.execute(sql`select count(*)::int as n from users`);
    return (result.rows[0] as { n: number }).n;
  }

  /** Creates the user; null when the email is taken. */
  async create(email: string, passwordHash: string, role: Role): Promise<UserRecord | null> {
    const result = await this.db.execute(sql`
      insert into users (email, password_hash, role) values (${email}, ${passwordHash}, ${role})
      on conflict (email) do nothing returning id, email, role`);
    return (result.rows[0] as unknown as UserRecord | undefined) ?? null;
  }

  async list(query: { limit: number; afterId?: number }): Promise<UserRecord[]> {
    const result = await this.db.execute(sql`
      select id, email, role from users where id > ${query.afterId ?? 0} order by id limit ${query.limit}`);
    return result.rows as unknown as UserRecord[];
  }

  async findAccess(id: number): Promise<UserAccess | null> {
    const result = await this.db.execute(sql`select ${ACCESS} from users where id = ${id}`);
    return (result.rows[0] as unknown as UserAccess | undefined) ?? null;
  }

  async findByFeedTokenHash(hash: string): Promise<UserAccess | null> {
    const result = await this.db.execute(sql`select ${ACCESS} from users where feed_token_hash = ${hash}`);
    return (result.rows[0] as unknown as UserAccess | undefined) ?? null;
  }

  async update(id: number, changes: { role?: Role; passwordHash?: string }): Promise<UserAccess | null> {
    const result = await this.db.execute(sql`
      update users set
        role = coalesce(${changes.role ?? null}::text, role),
        password_hash = coalesce(${changes.passwordHash ?? null}::text, password_hash),
        token_version = token_version + 1
      where id = ${id} returning ${ACCESS}`);
    return (result.rows[0] as unknown as UserAccess | undefined) ?? null;
  }

  async delete(id: number): Promise<boolean> {
    const result = await this.db.execute(sql`delete from users where id = ${id} returning id`);
    return result.rows.length > 0;
  }

  async lockAdmins(): Promise<number[]> {
    const result = await this.db.execute(sql`select id from users where role = 'admin' order by id for update`);
    return (result.rows as { id: number | string }[]).map((r) => Number(r.id));
  }

  async setFeedTokenHash(id: number, hash: string | null): Promise<boolean> {
    const result = await this.db.execute(sql`update users set feed_token_hash = ${hash} where id = ${id} returning id`);
    return result.rows.length > 0;
  }

  async loginLockedUntil(email: string, now: number): Promise<number | null> {
    const result = await this.db.execute(sql`
      select (extract(epoch from locked_until) * 1000)::float8 as until from login_failures
      where email = ${email} and locked_until > ${new Date(now).toISOString()}::timestamptz`);
    const row = result.rows[0] as { until: number } | undefined;
    return row ? Number(row.until) : null;
  }

  async recordLoginFailure(email: string, now: number, policy: LockoutPolicy): Promise<number | null> {
    const at = sql`${new Date(now).toISOString()}::timestamptz`;
    const windowStart = sql`${new Date(now - policy.windowMs).toISOString()}::timestamptz`;
    const lockEnd = sql`${new Date(now + policy.lockMs).toISOString()}::timestamptz`;
    // A failure after the window began again counts as the first of a new window.
    const stale = sql`login_failures.window_started_at < ${windowStart}`;
    const failures = sql`case when ${stale} then 1 else login_failures.failures + 1 end`;
    const result = await this.db.execute(sql`
      insert into login_failures (email, failures, window_started_at, locked_until)
      values (${email}, 1, ${at}, case when 1 >= ${policy.maxFailures} then ${lockEnd} end)
      on conflict (email) do update set
        failures = ${failures},
        window_started_at = case when ${stale} then ${at} else login_failures.window_started_at end,
        locked_until = case when ${failures} >= ${policy.maxFailures} then ${lockEnd} else login_failures.locked_until end
      returning (extract(epoch from locked_until) * 1000)::float8 as until`);
    const until = (result.rows[0] as { until: number | null } | undefined)?.until;
    return until !== null && until !== undefined && Number(until) > now ? Number(until) : null;
  }

  async clearLoginFailures(email: string): Promise<void> {
    await this.db.execute(sql`delete from login_failures where email = ${email}`);
  }
}
