// Sensitive fields are sealed by the application (server/src/platform/crypto/sensitive-fields.ts):
// a sealed value is longer than the clear one, so the customer's email and address become text,
// and the email gets a blind index (a keyed hash of the normalised address) for exact search.
// The trigram index on the email goes: the database can no longer read the email, so searching
// by part of an address is no longer possible.
//
// The migration does not seal existing rows: the key is the application's (KEFU_DATA_KEY or its
// file), not the database's. The server seals every clear value at start, in batches, before it
// listens (and `npm run encrypt-data` does the same by hand); clear values read before that are
// passed through as they are.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS customers_email_trgm');
  await knex.raw('ALTER TABLE customers ALTER COLUMN email TYPE text, ALTER COLUMN address TYPE text');
  await knex.schema.alterTable('customers', (t) => {
    t.text('email_hash');
  });
  await knex.raw('CREATE INDEX customers_email_hash ON customers (email_hash) WHERE email_hash IS NOT NULL');
  // The values still in clear, for the sealing at every start: empty once all are sealed, so a
  // start does not read the whole call log to find none. Erasure's marker stays clear on purpose.
  for (const [table, column] of CLEAR_CHECKS) {
    await knex.raw(
      `CREATE INDEX ${table}_${column}_clear ON ${table} (id) WHERE ${column} IS NOT NULL AND ${column} NOT LIKE 'enc:v1:%' AND ${column} <> '[redacted]'`,
    );
  }
}

const CLEAR_CHECKS = [
  ['customers', 'email'],
  ['customers', 'address'],
  ['interactions', 'notes'],
] as const;

export async function down(knex: Knex): Promise<void> {
  // The columns stay text: sealed values would not fit the old lengths, and text holds
  // everything the old columns did.
  for (const [table, column] of CLEAR_CHECKS) await knex.raw(`DROP INDEX IF EXISTS ${table}_${column}_clear`);
  await knex.raw('DROP INDEX IF EXISTS customers_email_hash');
  await knex.schema.alterTable('customers', (t) => {
    t.dropColumn('email_hash');
  });
  await knex.raw('CREATE INDEX customers_email_trgm ON customers USING gin (email gin_trgm_ops)');
}
