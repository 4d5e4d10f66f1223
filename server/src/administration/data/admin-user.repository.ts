// Users as the administration reads and edits them. Edits apply only at the version the
// editor loaded; a stale one changes nothing and the service answers 409.
import type { Knex } from 'knex';
import type { AdminUser, Locale, Role } from '../../../../contract/index.js';
import type { UserRow } from '../../identity/data/user.repository.js';
import type { Db } from '../../platform/db/database.js';

/** The user row without its secrets and sign-in counters: what the administration shows. */
type UserAdminRow = Omit<UserRow, 'password_hash' | 'failed_logins' | 'locked_until'>;

const toAdminUser = (r: UserAdminRow): AdminUser => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  teamId: r.team_id,
  teamName: r.team_name,
  extension: r.extension,
  locale: r.locale,
  active: !r.disabled,
  mustChangePassword: r.must_change_password,
  version: r.version,
  createdAt: r.created_at.toISOString(),
});

export interface UserColumns {
  username?: string;
  display_name?: string;
  role?: Role;
  team_id?: number | null;
  extension?: string | null;
  locale?: Locale | null;
  disabled?: boolean;
  password_hash?: string;
  must_change_password?: boolean;
}

export interface UserFilter {
  q?: string | undefined;
  role?: Role | undefined;
  teamId?: number | undefined;
  active?: boolean | undefined;
  after?: number | undefined;
  limit: number;
}

export class AdminUserRepository {
  constructor(private readonly db: Db) {}

  private base(db: Knex = this.db) {
    return db('users as u').leftJoin('teams as t', 't.id', 'u.team_id').select<UserAdminRow[]>(
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.team_id',
      't.name as team_name',
      'u.extension',
      'u.locale',
      'u.disabled',
      'u.must_change_password',
      'u.version',
      'u.created_at',
    );
  }

  async find(id: number, db: Knex = this.db): Promise<AdminUser | undefined> {
    const row = await this.base(db).where('u.id', id).first();
    return row ? toAdminUser(row) : undefined;
  }

  /** One page in id order; `after` is the last id of the page before. */
  async list(f: UserFilter): Promise<AdminUser[]> {
    const q = this.base().orderBy('u.id').limit(f.limit);
    if (f.after !== undefined) q.where('u.id', '>', f.after);
    if (f.role) q.where('u.role', f.role);
    if (f.teamId !== undefined) q.where('u.team_id', f.teamId);
    if (f.active !== undefined) q.where('u.disabled', !f.active);
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q.where((w) => w.whereILike('u.username', like).orWhereILike('u.display_name', like).orWhere('u.extension', f.q!));
    }
    return (await q).map(toAdminUser);
  }

  async extensionsInUse(db: Knex = this.db): Promise<Set<string>> {
    const rows = await db('users').whereNotNull('extension').select<{ extension: string }[]>('extension');
    return new Set(rows.map((r) => r.extension));
  }

  async insert(trx: Knex.Transaction, c: Required<Pick<UserColumns, 'username' | 'display_name' | 'role' | 'password_hash'>> & UserColumns): Promise<number> {
    const [row] = await trx('users').insert(c).returning('id');
    return (row as { id: number }).id;
  }

  /** Applies changes if `version` is still the stored one; false means someone saved first. */
  async update(trx: Knex.Transaction, id: number, version: number, c: UserColumns): Promise<boolean> {
    const n = await trx('users').where({ id, version }).update({ ...c, version: trx.raw('version + 1') });
    return n === 1;
  }

  async endSessions(trx: Knex.Transaction, userId: number): Promise<void> {
    await trx('sessions').where('user_id', userId).delete();
  }
}
