// Retention of the audit log: entries older than the period in force (KEFU_AUDIT_RETENTION_DAYS)
// are removed by the database's audit_log_purge(), the one path past the append-only triggers
// (see its migration for why it keeps the chain verifiable). Each purge, explicit or daily, is
// itself an audit entry (`audit.purged`), written in the purge's transaction.
import type { AuditPurgeReport, AuditRetentionStatus } from '../../../contract/index.js';
import type { Db } from '../platform/db/database.js';
import type { AuditRepository } from './data/audit.repository.js';

export interface AuditRetentionDeps {
  db: Db;
  audit: AuditRepository;
  keepDays: number;
  now(): Date;
}

/** Who asked: an admin (with the request's address and id), or the daily run (nobody). */
export interface PurgeRequester {
  userId: number | null;
  ip?: string | null;
  requestId?: string | null;
}

export class AuditRetention {
  constructor(private readonly d: AuditRetentionDeps) {}

  async status(): Promise<AuditRetentionStatus> {
    const { rows } = await this.d.db.raw('SELECT through_id::text AS through_id, purged_count::int AS purged, purged_at FROM audit_log_anchors ORDER BY id DESC LIMIT 1');
    const last = rows[0] as { through_id: string; purged: number; purged_at: Date } | undefined;
    return { keepDays: this.d.keepDays, lastPurge: last ? { at: last.purged_at.toISOString(), purged: last.purged, throughId: last.through_id } : null };
  }

  async purge(by: PurgeRequester): Promise<AuditPurgeReport> {
    const keepDays = this.d.keepDays;
    return this.d.db.transaction(async (trx) => {
      const { rows } = await trx.raw('SELECT purged::int AS purged, through_id::text AS through_id, anchor_hash FROM audit_log_purge(?)', [keepDays]);
      const cut = rows[0] as { purged: number; through_id: string; anchor_hash: string } | undefined;
      await this.d.audit.write(
        {
          userId: by.userId,
          action: 'audit.purged',
          entity: 'audit_log',
          ...(cut ? { entityId: cut.through_id } : {}),
          outcome: 'allowed',
          rowCount: cut?.purged ?? 0,
          ip: by.ip ?? null,
          requestId: by.requestId ?? null,
          detail: { keepDays, throughId: cut?.through_id ?? null, anchorHash: cut?.anchor_hash ?? null },
        },
        trx,
      );
      return { at: this.d.now().toISOString(), keepDays, purged: cut?.purged ?? 0, throughId: cut?.through_id ?? null };
    });
  }
}
