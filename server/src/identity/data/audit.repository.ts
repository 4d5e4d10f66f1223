import type { Knex } from 'knex';
import type { Db } from '../../platform/db/database.js';

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
}

export class AuditRepository {
  constructor(private readonly db: Db) {}

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
    });
  }
}
