// Purchases and RFM: what each customer bought (imported from files through the lead import's
// path, so an import is now of leads, of purchases, or a list saved from a segment), each
// customer's recency, frequency and monetary scores with their named segment, and the runs
// that computed them.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // A purchases import belongs to no campaign; a segment saved as a list keeps its filters.
  await knex.raw(`ALTER TABLE campaign_imports
    ALTER COLUMN campaign_id DROP NOT NULL,
    ADD COLUMN kind text NOT NULL DEFAULT 'leads' CHECK (kind IN ('leads', 'purchases', 'segment')),
    ADD COLUMN segment_filter jsonb,
    ADD CONSTRAINT campaign_imports_kind_campaign CHECK ((kind = 'purchases') = (campaign_id IS NULL))`);

  await knex.raw(`CREATE TABLE purchases (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    purchased_at timestamptz NOT NULL,
    amount numeric(14, 2) NOT NULL CHECK (amount >= 0),
    currency char(3),
    product text,
    category text,
    order_ref text,
    import_id integer REFERENCES campaign_imports(id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`);
  // The segment builder's purchase facts and the RFM run read a customer's purchases by time.
  await knex.raw('CREATE INDEX purchases_customer ON purchases (customer_id, purchased_at DESC) INCLUDE (amount)');
  await knex.raw('CREATE UNIQUE INDEX purchases_order_ref ON purchases (order_ref) WHERE order_ref IS NOT NULL');

  // One row per customer who bought; the screen-pop reads it by primary key for its one customer.
  await knex.raw(`CREATE TABLE customer_rfm (
    customer_id bigint PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
    recency smallint NOT NULL CHECK (recency BETWEEN 1 AND 5),
    frequency smallint NOT NULL CHECK (frequency BETWEEN 1 AND 5),
    monetary smallint NOT NULL CHECK (monetary BETWEEN 1 AND 5),
    segment text NOT NULL,
    computed_at timestamptz NOT NULL
  )`);
  await knex.raw('CREATE INDEX customer_rfm_segment ON customer_rfm (segment)');

  await knex.raw(`CREATE TABLE rfm_runs (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trigger text NOT NULL CHECK (trigger IN ('nightly', 'manual')),
    started_by integer REFERENCES users(id) ON DELETE SET NULL,
    started_at timestamptz NOT NULL,
    finished_at timestamptz,
    customers integer NOT NULL DEFAULT 0,
    segments jsonb NOT NULL DEFAULT '{}'
  )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE rfm_runs');
  await knex.raw('DROP TABLE customer_rfm');
  await knex.raw('DROP TABLE purchases');
  await knex.raw("DELETE FROM campaign_imports WHERE kind = 'purchases'");
  await knex.raw(`ALTER TABLE campaign_imports
    DROP CONSTRAINT campaign_imports_kind_campaign,
    DROP COLUMN segment_filter,
    DROP COLUMN kind,
    ALTER COLUMN campaign_id SET NOT NULL`);
}
