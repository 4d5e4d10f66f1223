// Reads of the audit log for admins: filtered, newest first, a page at a time by id (ids are
// drawn in chain order, so "older than this id" is a stable keyset cursor).
import type { Knex } from 'knex';
import type { AuditEntryView, AuditOutcome } from '../../../../contract/index.js';
import type { Db } from '../../platform/db/database.js';

export interface AuditReadFilter {
  userId?: number;
  /** An exact action, or a family when it ends in a dot. */
  action?: string;
  entity?: string;
  entityId?: string;
  outcome?: AuditOutcome;
  from?: Date;
  to?: Date;
  /** Searches for one term: its keyed hash. */
  searchHash?: string;
}

export interface AuditRow extends AuditEntryView {
  prevHash: string;
  hash: string;
}

interface DbRow {
  id: string;
  at: Date;
  user_id: number | null;
  username: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  outcome: AuditOutcome;
  row_count: number | null;
  ip: string | null;
  request_id: string | null;
  detail: Record<string, unknown> | null;
  search_hash: string | null;
  prev_hash: string;
  hash: string;
}

const toRow = (r: DbRow): AuditRow => ({
  id: String(r.id),
  at: r.at.toISOString(),
  userId: r.user_id,
  username: r.username,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  outcome: r.outcome,
  rowCount: r.row_count,
  ip: r.ip,
  requestId: r.request_id,
  detail: r.detail,
  searchHash: r.search_hash,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** LIKE's wildcards in an action family are plain text. */
const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class AuditLogReader {
  constructor(private readonly db: Db) {}

  /** Up to `limit` entries older than `beforeId` (newest first), not newer than `upToId`. */
  async page(f: AuditReadFilter, limit: number, beforeId?: bigint, upToId?: bigint): Promise<AuditRow[]> {
    const q = this.db('audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.user_id')
      .select('a.*', 'u.username')
      .orderBy('a.id', 'desc')
      .limit(limit);
    applyFilter(q, f);
    if (beforeId !== undefined) q.where('a.id', '<', beforeId.toString());
    if (upToId !== undefined) q.where('a.id', '<=', upToId.toString());
    return ((await q) as DbRow[]).map(toRow);
  }

  /** How many entries match, up to `upToId`. */
  async count(f: AuditReadFilter, upToId: bigint): Promise<number> {
    const q = this.db('audit_log as a').count<{ n: string }[]>('* as n').where('a.id', '<=', upToId.toString());
    applyFilter(q, f);
    return Number((await q)[0]?.n ?? 0);
  }

  /** The newest entry's id: where an export stops, so it is one consistent snapshot. */
  async lastId(): Promise<bigint> {
    const r = await this.db.raw<{ rows: { id: string | null }[] }>('SELECT max(id)::text AS id FROM audit_log');
    return BigInt(r.rows[0]?.id ?? 0);
  }
}

function applyFilter(q: Knex.QueryBuilder, f: AuditReadFilter): void {
  if (f.userId !== undefined) q.where('a.user_id', f.userId);
  if (f.action !== undefined) {
    if (f.action.endsWith('.')) q.whereRaw(`a.action LIKE ? ESCAPE '\\'`, [likePrefix(f.action)]);
    else q.where('a.action', f.action);
  }
  if (f.entity !== undefined) q.where('a.entity', f.entity);
  if (f.entityId !== undefined) q.where('a.entity_id', f.entityId);
  if (f.outcome !== undefined) q.where('a.outcome', f.outcome);
  if (f.from !== undefined) q.where('a.at', '>=', f.from);
  if (f.to !== undefined) q.where('a.at', '<', f.to);
  if (f.searchHash !== undefined) q.where('a.search_hash', f.searchHash);
}
