// Seals the declared sensitive fields in place, a batch at a time: the clear values written before
// encryption was turned on (the server's start, `npm run encrypt-data`), or every value not under
// the current key (`npm run rotate-key`, after a new key was put first in the key file).
//
// Each batch is one UPDATE that only replaces a value still equal to what was read, so a value
// the application changed meanwhile (sealed under the current key already) is left alone, and
// several servers may run this at once. The WHERE clause is the progress: a run that stops
// half-way is resumed by running it again.
import type { Knex } from 'knex';
import { SEALED_PREFIX } from './field-cipher.js';
import {
  SENSITIVE_DOCUMENTS,
  SENSITIVE_DOCUMENT_NAMES,
  SENSITIVE_FIELDS,
  SENSITIVE_FIELD_NAMES,
  type SensitiveDocument,
  type SensitiveField,
  type SensitiveFieldSpec,
  type SensitiveFields,
} from './sensitive-fields.js';

export type ResealMode = 'clear' | 'not-current';

export interface ResealOptions {
  mode: ResealMode;
  /** Markers that are not personal data and are matched in clear (erasure's "[redacted]"). */
  leaveClear: readonly string[];
  batchSize?: number;
  onBatch?: (field: SensitiveField | SensitiveDocument, doneInField: number) => void;
}

/** Values sealed per text column; documents (rows) re-sealed per JSON column. */
export type ResealCounts = Record<SensitiveField | SensitiveDocument, number>;

export async function resealFields(db: Knex, fields: SensitiveFields, o: ResealOptions): Promise<ResealCounts> {
  const counts = {} as ResealCounts;
  for (const field of SENSITIVE_FIELD_NAMES) counts[field] = await resealField(db, fields, field, o);
  for (const doc of SENSITIVE_DOCUMENT_NAMES) counts[doc] = await resealDocument(db, fields, doc, o);
  return counts;
}

/**
 * A document's texts: the key column says which key they are under (null: maybe clear), so the
 * batches read `key IS NULL` ('clear') or `key IS DISTINCT FROM current` ('not-current'), and
 * each row is written back only if neither its document nor its key changed meanwhile.
 */
async function resealDocument(db: Knex, fields: SensitiveFields, doc: SensitiveDocument, o: ResealOptions): Promise<number> {
  const spec = SENSITIVE_DOCUMENTS[doc];
  const { column: col, keyColumn: keyCol } = spec;
  const current = fields.cipher.currentKeyId;
  const batchSize = o.batchSize ?? 500;
  let after = 0;
  let done = 0;
  for (;;) {
    const q = db(spec.table).select('id', col, keyCol).where('id', '>', after).orderBy('id').limit(batchSize);
    if (o.mode === 'clear') q.whereNull(keyCol);
    else q.where((w) => w.whereNull(keyCol).orWhereNot(keyCol, current));
    const rows = (await q) as Record<string, unknown>[];
    if (rows.length === 0) return done;
    after = Number(rows.at(-1)!.id);
    const ids: string[] = [];
    const olds: string[] = [];
    const news: string[] = [];
    const oldKeys: (string | null)[] = [];
    for (const r of rows) {
      ids.push(String(r.id));
      olds.push(JSON.stringify(r[col]));
      news.push(JSON.stringify(fields.sealDocument(doc, fields.openDocument(doc, r[col]), o.leaveClear)));
      oldKeys.push((r[keyCol] as string | null) ?? null);
    }
    const updated = await db.raw(
      `UPDATE ?? AS t SET ${col} = v.new::jsonb, ${keyCol} = ?
         FROM (SELECT unnest(?::bigint[]) AS id, unnest(?::text[]) AS old, unnest(?::text[]) AS new, unnest(?::text[]) AS old_key) v
        WHERE t.id = v.id AND t.${col} = v.old::jsonb AND t.${keyCol} IS NOT DISTINCT FROM v.old_key`,
      [spec.table, current, ids, olds, news, oldKeys] as never,
    );
    done += (updated as { rowCount: number }).rowCount;
    o.onBatch?.(doc, done);
  }
}

async function resealField(db: Knex, fields: SensitiveFields, field: SensitiveField, o: ResealOptions): Promise<number> {
  const spec: SensitiveFieldSpec = SENSITIVE_FIELDS[field];
  const col = spec.column;
  const pattern = (o.mode === 'clear' ? SEALED_PREFIX : `${SEALED_PREFIX}${fields.cipher.currentKeyId}:`) + '%';
  const batchSize = o.batchSize ?? 500;
  let after = 0;
  let done = 0;
  for (;;) {
    const rows = (await db(spec.table)
      .select('id', col)
      .where('id', '>', after)
      .whereNotNull(col)
      .whereNot(col, 'like', pattern)
      // One `<>` per marker, as the partial indexes of the values still in clear are written.
      .where((w) => {
        for (const marker of o.leaveClear) w.whereNot(col, marker);
      })
      .orderBy('id')
      .limit(batchSize)) as Record<string, string | number>[];
    if (rows.length === 0) return done;
    after = Number(rows.at(-1)!.id);
    const ids: string[] = [];
    const olds: string[] = [];
    const news: string[] = [];
    const indexes: (string | null)[] = [];
    for (const r of rows) {
      const stored = String(r[col]);
      const clear = fields.open(field, stored)!;
      ids.push(String(r.id));
      olds.push(stored);
      news.push(fields.seal(field, clear)!);
      indexes.push(fields.blindIndex(field, clear));
    }
    const setIndex = spec.blindIndex ? `, ${spec.blindIndex.column} = v.idx` : '';
    const updated = await db.raw(
      `UPDATE ?? AS t SET ${col} = v.new${setIndex}
         FROM (SELECT unnest(?::bigint[]) AS id, unnest(?::text[]) AS old, unnest(?::text[]) AS new, unnest(?::text[]) AS idx) v
        WHERE t.id = v.id AND t.${col} = v.old`,
      [spec.table, ids, olds, news, indexes] as never,
    );
    done += (updated as { rowCount: number }).rowCount;
    o.onBatch?.(field, done);
  }
}
