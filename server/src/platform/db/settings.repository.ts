// Typed documents under a key (business calendar, SLA policy). The caller validates the value
// with its zod schema on the way out, so a hand-edited row can never reach the rules unchecked.
import type { Knex } from 'knex';
import type { Db } from './database.js';

export class SettingsRepository {
  constructor(private readonly db: Db) {}

  async get(key: string): Promise<{ value: unknown; version: number } | undefined> {
    return (await this.db('settings').select('value', 'version').where('key', key).first()) as { value: unknown; version: number } | undefined;
  }

  /**
   * Saves if `version` is the stored one (or the key is new with version 0): the new version, or
   * null. `db` may be a transaction, so the change commits with what is written beside it.
   */
  async put(key: string, value: unknown, version: number, userId: number | null, db: Knex = this.db): Promise<number | null> {
    if (version === 0) {
      const rows = await db('settings')
        .insert({ key, value: JSON.stringify(value), version: 1, updated_by: userId })
        .onConflict('key')
        .ignore()
        .returning('version');
      return rows.length ? 1 : null;
    }
    const rows = (await db('settings')
      .where({ key, version })
      .update({ value: JSON.stringify(value), version: db.raw('version + 1'), updated_by: userId, updated_at: db.fn.now() })
      .returning('version')) as { version: number }[];
    return rows[0]?.version ?? null;
  }
}
