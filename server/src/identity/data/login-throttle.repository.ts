import type { Db } from '../../platform/db/database.js';

export interface ThrottleCount {
  /** Attempts in the current window, this one included. */
  attempts: number;
  /** Set while the key is blocked. */
  blockedUntil: Date | null;
}

/**
 * Counters of sign-in attempts by key, shared by every server on the database. Each count is
 * one atomic statement on one row, so parallel requests queue on the row lock and each sees
 * the attempts before it.
 */
export class LoginThrottleRepository {
  constructor(private readonly db: Db) {}

  /**
   * Counts one attempt. A window ends `windowMs` after the key's last attempt, or when its
   * block has run out; the count then starts again from this attempt.
   */
  async count(key: string, now: Date, windowMs: number): Promise<ThrottleCount> {
    const windowStart = new Date(now.getTime() - windowMs);
    const { rows } = await this.db.raw<{ rows: Array<{ attempts: number; blocked_until: Date | null }> }>(
      `INSERT INTO login_throttle AS t (key, attempts, blocked_until, updated_at) VALUES (:key, 1, NULL, :now)
       ON CONFLICT (key) DO UPDATE SET
         attempts = CASE WHEN t.blocked_until <= :now OR (t.blocked_until IS NULL AND t.updated_at < :windowStart) THEN 1 ELSE t.attempts + 1 END,
         blocked_until = CASE WHEN t.blocked_until <= :now THEN NULL ELSE t.blocked_until END,
         updated_at = :now
       RETURNING attempts, blocked_until`,
      { key, now, windowStart },
    );
    return { attempts: rows[0]!.attempts, blockedUntil: rows[0]!.blocked_until };
  }

  /** Blocks the key until `until`, unless a block already runs (the first one stands). */
  async block(key: string, until: Date): Promise<Date> {
    const { rows } = await this.db.raw<{ rows: Array<{ blocked_until: Date }> }>(
      `UPDATE login_throttle SET blocked_until = COALESCE(blocked_until, :until) WHERE key = :key RETURNING blocked_until`,
      { key, until },
    );
    return rows[0]?.blocked_until ?? until;
  }

  /** Takes back one counted attempt (it turned out to be a good one). */
  async uncount(key: string): Promise<void> {
    await this.db.raw(`UPDATE login_throttle SET attempts = GREATEST(attempts - 1, 0) WHERE key = :key`, { key });
  }

  async clear(key: string): Promise<void> {
    await this.db('login_throttle').where({ key }).delete();
  }

  /** Forgets keys idle for longer than any window, so the table stays as small as the attackers. */
  async purgeIdle(before: Date): Promise<number> {
    return this.db('login_throttle')
      .where('updated_at', '<', before)
      .andWhere((q) => q.whereNull('blocked_until').orWhere('blocked_until', '<', before))
      .delete();
  }
}
