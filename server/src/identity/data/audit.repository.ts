import type { Knex } from 'knex';
import type { Db } from '../../platform/db/database.js';
import type { SearchTermHasher } from '../../platform/search-term-hash.js';

export interface AuditEntry {
  userId: number | null;
  action: string;
  entity?: string;
  entityId?: string | number;
  outcome: 'allowed' | 'denied';
  rowCount?: number;
  ip?: string | null;
  requestId?: string | null;
  detail?: Record<string, unknown>;
  /**
   * What was searched for (a phone number, search text). Never written in clear: it is stored
   * as its keyed hash, so the entry still answers "who searched for this".
   */
  searched?: string;
}

/**
 * Writes the audit log. The database chains each entry to the one before it and refuses any
 * change to an entry once written (see the audit_log_chain migration).
 */
export class AuditRepository {
  constructor(
    private readonly db: Db,
    readonly searchHash: SearchTermHasher,
  ) {}

  /** `db` may be a transaction, so the entry commits (or not) with the change it records. */
  async write(e: AuditEntry, db: Knex = this.db): Promise<void> {
    await db('audit_log').insert({
      user_id: e.userId,
      action: e.action,
      entity: e.entity ?? null,
      entity_id: e.entityId === undefined ? null : String(e.entityId),
      outcome: e.outcome,
      row_count: e.rowCount ?? null,
      ip: e.ip?.slice(0, 64) ?? null,
      request_id: e.requestId ?? null,
      detail: e.detail ? JSON.stringify(e.detail) : null,
      search_hash: e.searched === undefined ? null : this.searchHash.hash(e.searched),
    });
  }
}
