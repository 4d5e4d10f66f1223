// Personal data rights: consent decisions per customer and purpose (append-only; the latest per
// purpose is in force), and the mark left on a customer once erased (anonymised) on request.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE TABLE customer_consents (
    id bigserial PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    purpose text NOT NULL,
    decision text NOT NULL CHECK (decision IN ('given', 'withdrawn')),
    channel text NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    recorded_by integer REFERENCES users(id) ON DELETE SET NULL
  )`);
  // The state of one purpose is its latest record: one index range read, newest first.
  await knex.raw('CREATE INDEX customer_consents_latest ON customer_consents (customer_id, purpose, at DESC, id DESC)');
  await knex.raw('ALTER TABLE customers ADD COLUMN erased_at timestamptz');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE customers DROP COLUMN erased_at');
  await knex.raw('DROP TABLE customer_consents');
}
