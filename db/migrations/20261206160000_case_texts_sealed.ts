// Case texts are sealed by the application like the customers' email and the call notes
// (server/src/platform/crypto/sensitive-fields.ts): a case's description, resolution and
// compensation, a follow-up's note, and the free texts inside each case event's detail (notes,
// contact attempts, changed descriptions). The server seals what is clear at start.
//
// A case event's detail stays JSON with its facts readable; its texts are sealed one by one, and
// `texts_key` names the key they are under (null: not sealed yet). The partial indexes list what
// is still clear, so the sealing at each start finds none quickly.
//
// The search keys of a case drop the words of its description (the database must not hold a
// readable copy of a sealed text): they are rebuilt here from the case number and subject.
import type { Knex } from 'knex';
import { documentKeys } from '../../server/src/platform/search-tokens.js';

const CLEAR_CHECKS = [
  ['tickets', 'description'],
  ['tickets', 'resolution'],
  ['tickets', 'compensation'],
  ['follow_up_tasks', 'note'],
] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('case_events', (t) => {
    t.string('texts_key', 16);
  });
  await knex.raw('CREATE INDEX case_events_texts_clear ON case_events (id) WHERE texts_key IS NULL');
  for (const [table, column] of CLEAR_CHECKS) {
    await knex.raw(
      `CREATE INDEX ${table}_${column}_clear ON ${table} (id) WHERE ${column} IS NOT NULL AND ${column} NOT LIKE 'enc:v1:%' AND ${column} <> '[redacted]'`,
    );
  }
  await rebuildSearchKeys(knex, (number, subject) => documentKeys(number, subject));
}

export async function down(knex: Knex): Promise<void> {
  for (const [table, column] of CLEAR_CHECKS) await knex.raw(`DROP INDEX IF EXISTS ${table}_${column}_clear`);
  await knex.raw('DROP INDEX IF EXISTS case_events_texts_clear');
  await knex.schema.alterTable('case_events', (t) => {
    t.dropColumn('texts_key');
  });
  // The description words are not put back: a sealed description cannot be read here.
}

async function rebuildSearchKeys(knex: Knex, keysOf: (number: string, subject: string) => string[]): Promise<void> {
  let after = 0;
  for (;;) {
    const rows = (await knex('tickets').select('id', 'number', 'subject').where('id', '>', after).orderBy('id').limit(2000)) as { id: string | number; number: string; subject: string }[];
    if (rows.length === 0) return;
    after = Number(rows.at(-1)!.id);
    await knex.raw(
      `UPDATE tickets AS t SET search = array_to_tsvector(v.keys::text[])
         FROM (SELECT unnest(?::bigint[]) AS id, unnest(?::text[]) AS keys) v WHERE t.id = v.id`,
      [rows.map((r) => String(r.id)), rows.map((r) => toPgArray(keysOf(r.number, r.subject)))] as never,
    );
  }
}

/** A text[] literal, as one element of the unnest above. */
function toPgArray(items: string[]): string {
  return `{${items.map((i) => `"${i.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
