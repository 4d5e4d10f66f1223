// Applying retention periods: one transaction per run, under an advisory lock so that of several
// servers on one database only one runs at a time.
import type { Db } from '../../../platform/db/database.js';
import { REDACTED } from '../rules/redaction.js';

const RETENTION_LOCK = 0x6b656675_02; // 'kefu' and a number of its own

export interface RetentionCutoffs {
  callNotesBefore: Date | null;
  interactionsBefore: Date | null;
}

export class RetentionRepository {
  constructor(private readonly db: Db) {}

  /** The counts of what was removed, or null when another server holds the lock. */
  async apply(c: RetentionCutoffs): Promise<{ callNotes: number; interactions: number } | null> {
    return this.db.transaction(async (trx) => {
      const { rows } = await trx.raw('SELECT pg_try_advisory_xact_lock(?) AS ok', [RETENTION_LOCK]);
      if (!rows[0].ok) return null;
      const callNotes = c.callNotesBefore
        ? await trx('interactions').where('started_at', '<', c.callNotesBefore).whereNotNull('notes').whereNot('notes', REDACTED).update({ notes: REDACTED })
        : 0;
      const interactions = c.interactionsBefore
        ? await trx('interactions').where('started_at', '<', c.interactionsBefore).whereNotNull('ended_at').delete()
        : 0;
      return { callNotes, interactions };
    });
  }
}
