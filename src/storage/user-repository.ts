import { sql } from 'drizzle-orm';
import type { Role, UserCredentials, UserRecord, Users } from '../services/ports.ts';
import type { Db } from './database.ts';

export class UserRepository implements Users {
  constructor(private readonly db: Db) {}

  async findByEmail(email: string): Promise<UserCredentials | null> {
    const result = await this.db.execute(sql`
      select id, email, password_hash as "passwordHash", role from users where lower(email) = lower(${email})`);
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
}
