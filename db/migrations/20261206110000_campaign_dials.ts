// Every call the progressive and predictive dialers place: when it rang, was answered, reached an
// agent and ended, and how (the campaign's live figures and its abandon rate are counted from
// these). No number is kept here: the lead holds it, so an erasure has nothing to find.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE TABLE campaign_dials (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign_id integer NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    lead_id bigint NOT NULL REFERENCES campaign_leads(id) ON DELETE CASCADE,
    call_id text NOT NULL,
    mode text NOT NULL CHECK (mode IN ('progressive', 'predictive')),
    agent_id integer REFERENCES users(id) ON DELETE SET NULL,
    placed_at timestamptz NOT NULL,
    answered_at timestamptz,
    connected_at timestamptz,
    ended_at timestamptz,
    outcome text CHECK (outcome IN ('no_answer', 'busy', 'failed', 'abandoned', 'connected')),
    abandon_reason text
  )`);
  await knex.raw('CREATE INDEX campaign_dials_campaign ON campaign_dials (campaign_id, placed_at)');
  await knex.raw('CREATE UNIQUE INDEX campaign_dials_call ON campaign_dials (call_id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE campaign_dials');
}
