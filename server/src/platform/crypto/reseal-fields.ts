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
import { SENSITIVE_FIELDS, SENSITIVE_FIELD_NAMES, type SensitiveField, type SensitiveFieldSpec, type SensitiveFields } from './sensitive-fields.js';

export type ResealMode = 'clear' | 'not-current';

export interface ResealOptions {
  mode: ResealMode;
  /** Markers that are not personal data and are matched in clear (erasure's "[redacted]"). */
  leaveClear: readonly string[];
  batchSize?: number;
  onBatch?: (field: SensitiveField, doneInField: number) => void;
}

export type ResealCounts = Record<SensitiveField, number>;

export async function resealFields(db: Knex, fields: SensitiveFields, o: ResealOptions): Promise<ResealCounts> {
  const counts = {} as ResealCounts;
  for (const field of SENSITIVE_FIELD_NAMES) counts[field] = await resealField(db, fields, field, o);
  return counts;
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
