// Checks the audit log's hash chain from its first entry to its last, outside the database:
// each entry's prev_hash must be the hash of the entry before it (in id order), and its hash
// must be sha256(prev_hash || canonical entry). After a retention purge the chain starts at
// the newest anchor (audit_log_anchors: the last purged entry's id and hash) instead of the
// genesis hash, so a purged prefix is accounted for and anything else removed is not. The database computes the chain on insert
// (migration audit_log_chain); this is the independent check, so a changed trigger function
// does not vouch for itself. PostgreSQL only renders the values as text here.
import crypto from 'node:crypto';
import type { Db } from '../platform/db/database.js';

/** The prev_hash of the very first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainBreak {
  id: string;
  at: string;
  action: string;
  /** prev-hash: the entry does not follow the one before it (an entry removed or inserted); hash: the entry was changed. */
  reason: 'prev-hash' | 'hash';
}

export interface ChainReport {
  checked: number;
  firstBreak: ChainBreak | null;
  /** Where the check started when old entries were purged: after this entry, from its hash. */
  anchor?: { throughId: string; purgedAt: string };
}

interface ChainRow {
  id: string;
  at: Date;
  prev_hash: string;
  hash: string;
  action: string;
  /** The fields as the canonical form lists them, rendered as text by PostgreSQL. */
  fields: (string | null)[];
}

/** The same canonical form as audit_entry_canonical(): byte length, colon, text, ';' ('-;' for null). */
export function canonicalEntry(fields: readonly (string | null)[]): string {
  return fields.map((f) => (f === null ? '-;' : `${Buffer.byteLength(f, 'utf8')}:${f};`)).join('');
}

export function entryHash(prevHash: string, fields: readonly (string | null)[]): string {
  return crypto.createHash('sha256').update(prevHash + canonicalEntry(fields), 'utf8').digest('hex');
}

const SELECT = `SELECT id::text AS id, at, prev_hash, hash, action,
  ARRAY[
    id::text,
    ((extract(epoch FROM at) * 1000000)::bigint)::text,
    user_id::text, action::text, entity::text, entity_id::text, outcome::text,
    row_count::text, ip::text, request_id::text, detail::text, search_hash
  ] AS fields
  FROM audit_log a WHERE a.id > ? ORDER BY a.id LIMIT ?`; // a.id: the bigint column (ordering by the text alias would put 10 before 2)

/** The newest anchor a purge left; the entries up to it were removed on purpose. */
async function latestAnchor(db: Db): Promise<{ through_id: string; last_hash: string; purged_at: Date } | undefined> {
  const { rows } = await db.raw('SELECT through_id::text AS through_id, last_hash, purged_at FROM audit_log_anchors ORDER BY through_id DESC LIMIT 1');
  return rows[0];
}

export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<ChainReport> {
  const anchor = await latestAnchor(db);
  const from = anchor ? { anchor: { throughId: anchor.through_id, purgedAt: anchor.purged_at.toISOString() } } : {};
  let expectedPrev = anchor ? anchor.last_hash : GENESIS_HASH;
  let after = anchor ? anchor.through_id : '0';
  let checked = 0;
  for (;;) {
    const rows = (await db.raw(SELECT, [after, batchSize])).rows as ChainRow[];
    for (const r of rows) {
      const broken = r.prev_hash !== expectedPrev ? 'prev-hash' : r.hash !== entryHash(r.prev_hash, r.fields) ? 'hash' : null;
      if (broken) return { checked, firstBreak: { id: r.id, at: r.at.toISOString(), action: r.action, reason: broken }, ...from };
      expectedPrev = r.hash;
      checked++;
    }
    if (rows.length < batchSize) return { checked, firstBreak: null, ...from };
    after = rows[rows.length - 1]!.id;
  }
}
