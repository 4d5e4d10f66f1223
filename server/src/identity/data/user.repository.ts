import type { Db } from '../../platform/db/database.js';
import type { Locale, Me, Role } from '../../../../contract/index.js';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  team_id: number | null;
  team_name: string | null;
  extension: string | null;
  locale: Locale | null;
  disabled: boolean;
  failed_logins: number;
  locked_until: Date | null;
  must_change_password: boolean;
  version: number;
  created_at: Date;
}

export function toMe(row: UserRow): Me {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    teamId: row.team_id,
    teamName: row.team_name,
    extension: row.extension,
    locale: row.locale,
    mustChangePassword: row.must_change_password === true,
  };
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  teamId?: number | null;
  extension?: string | null;
}

export class UserRepository {
  constructor(private readonly db: Db) {}

  private base() {
    return this.db('users as u')
      .leftJoin('teams as t', 't.id', 'u.team_id')
      .select('u.*', 't.name as team_name');
  }

  async findByUsername(username: string): Promise<UserRow | undefined> {
    return this.base().where('u.username', username).first();
  }

  async findById(id: number): Promise<UserRow | undefined> {
    return this.base().where('u.id', id).first();
  }

  async count(): Promise<number> {
    const row = await this.db('users').count<{ count: number }[]>('* as count').first();
    return Number(row?.count ?? 0);
  }

  async create(u: NewUser): Promise<number> {
    const [row] = await this.db('users')
      .insert({
        username: u.username,
        display_name: u.displayName,
        password_hash: u.passwordHash,
        role: u.role,
        team_id: u.teamId ?? null,
        extension: u.extension ?? null,
      })
      .returning('id');
    return (row as { id: number }).id;
  }

  /** Whether any user has one of these as their extension (as stored). */
  async isExtension(numbers: string[]): Promise<boolean> {
    return (await this.db('users').whereIn('extension', numbers).first('id')) !== undefined;
  }

  /**
   * The user's own new password: the one-time one is spent. The version stays: it guards the
   * admin's edits, which a user choosing a password must not turn stale.
   */
  async setPassword(id: number, passwordHash: string): Promise<void> {
    await this.db('users').where({ id }).update({ password_hash: passwordHash, must_change_password: false });
  }

  async setLocale(id: number, locale: Locale): Promise<void> {
    await this.db('users').where({ id }).update({ locale });
  }
}
