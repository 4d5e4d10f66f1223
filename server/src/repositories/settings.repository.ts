// Typed documents under a key (business calendar, SLA policy). The caller validates the value
// with its zod schema on the way out, so a hand-edited row can never reach the rules unchecked.
import type { Db } from '../db/database.js';

export class SettingsRepository {
  constructor(private readonly db: Db) {}

  async get(key: string): Promise<{ value: unknown; version: number } | undefined> {
    return (await this.db('settings').select('value', 'version').where('key', key).first()) as { value: unknown; version: number } | undefined;
  }

  /** Saves if `version` is the stored one (or the key is new with version 0); false otherwise. */
  async put(key: string, value: unknown, version: number, userId: number | null): Promise<number | null> {
    if (version === 0) {
      const rows = await this.db('settings')
        .insert({ key, value: JSON.stringify(value), version: 1, updated_by: userId })
        .onConflict('key')
        .ignore()
        .returning('version');
      return rows.length ? 1 : null;
    }
    const rows = (await this.db('settings')
      .where({ key, version })
      .update({ value: JSON.stringify(value), version: this.db.raw('version + 1'), updated_by: userId, updated_at: this.db.fn.now() })
      .returning('version')) as { version: number }[];
    return rows[0]?.version ?? null;
  }
}
