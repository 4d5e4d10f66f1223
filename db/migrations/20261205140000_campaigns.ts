// Outbound campaigns: each campaign's purpose, dial mode and rules; the agents who work it; the
// leads' dialing state (status, attempts, retry and callback times, time zones); every call
// attempt with its outcome (the frequency cap and the abandon rule count them across campaigns);
// the do-not-call lists, global and per campaign; lead imports and their rejected rows.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE campaigns
    ADD COLUMN purpose text NOT NULL DEFAULT 'marketing' CHECK (purpose IN ('marketing', 'service')),
    ADD COLUMN mode text NOT NULL DEFAULT 'preview' CHECK (mode IN ('preview', 'progressive', 'predictive')),
    ADD COLUMN rules jsonb NOT NULL DEFAULT '{}',
    ADD COLUMN version integer NOT NULL DEFAULT 0,
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
  await knex.raw(`ALTER TABLE campaigns ADD CONSTRAINT campaigns_status_known CHECK (status IN ('draft', 'running', 'paused', 'finished'))`);

  await knex.raw(`CREATE TABLE campaign_agents (
    campaign_id integer NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (campaign_id, user_id)
  )`);
  await knex.raw('CREATE INDEX campaign_agents_user ON campaign_agents (user_id)');

  await knex.raw(`CREATE TABLE campaign_imports (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign_id integer NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    started_by integer REFERENCES users(id) ON DELETE SET NULL,
    status text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    rows_read integer NOT NULL DEFAULT 0,
    imported integer NOT NULL DEFAULT 0,
    rejected integer NOT NULL DEFAULT 0,
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
  )`);
  await knex.raw('CREATE INDEX campaign_imports_campaign ON campaign_imports (campaign_id, id DESC)');
  // A rejected row keeps its number, its reason and (for unreadable numbers only) the value read:
  // never a customer's number, so an erasure has nothing to find here.
  await knex.raw(`CREATE TABLE campaign_import_rejections (
    import_id integer NOT NULL REFERENCES campaign_imports(id) ON DELETE CASCADE,
    row integer NOT NULL,
    reason text NOT NULL,
    detail text,
    PRIMARY KEY (import_id, row)
  )`);

  await knex.raw("UPDATE campaign_leads SET status = 'new' WHERE status = 'pending'");
  await knex.raw(`ALTER TABLE campaign_leads
    ALTER COLUMN status SET DEFAULT 'new',
    ADD CONSTRAINT campaign_leads_status_known CHECK (status IN ('new', 'contacted', 'interested', 'converted', 'lost')),
    ADD COLUMN time_zones text[] NOT NULL DEFAULT '{}',
    ADD COLUMN priority integer NOT NULL DEFAULT 0,
    ADD COLUMN score integer NOT NULL DEFAULT 0,
    ADD COLUMN attempts integer NOT NULL DEFAULT 0,
    ADD COLUMN last_attempt_at timestamptz,
    ADD COLUMN last_outcome text,
    ADD COLUMN retry_at timestamptz,
    ADD COLUMN callback_at timestamptz,
    ADD COLUMN callback_agent_id integer REFERENCES users(id) ON DELETE SET NULL,
    ADD COLUMN reserved_by integer REFERENCES users(id) ON DELETE SET NULL,
    ADD COLUMN reserved_until timestamptz,
    ADD COLUMN import_id integer REFERENCES campaign_imports(id) ON DELETE SET NULL,
    ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()`);
  await knex.raw('CREATE INDEX campaign_leads_phone ON campaign_leads (phone_e164)');

  await knex.raw(`CREATE TABLE campaign_attempts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lead_id bigint NOT NULL REFERENCES campaign_leads(id) ON DELETE CASCADE,
    campaign_id integer NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    agent_id integer REFERENCES users(id) ON DELETE SET NULL,
    interaction_id bigint REFERENCES interactions(id) ON DELETE SET NULL,
    outcome text NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
  )`);
  await knex.raw('CREATE INDEX campaign_attempts_lead ON campaign_attempts (lead_id, at DESC)');
  await knex.raw('CREATE INDEX campaign_attempts_at ON campaign_attempts (at)');

  // One entry per number and list (campaign_id NULL = the global list).
  await knex.raw(`CREATE TABLE dnc_entries (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number text NOT NULL,
    campaign_id integer REFERENCES campaigns(id) ON DELETE CASCADE,
    source text NOT NULL CHECK (source IN ('manual', 'call', 'import')),
    note text,
    added_by integer REFERENCES users(id) ON DELETE SET NULL,
    added_at timestamptz NOT NULL DEFAULT now()
  )`);
  await knex.raw('CREATE UNIQUE INDEX dnc_entries_one_per_list ON dnc_entries (number, coalesce(campaign_id, 0))');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE dnc_entries');
  await knex.raw('DROP TABLE campaign_attempts');
  await knex.raw('DROP INDEX campaign_leads_phone');
  await knex.raw(`ALTER TABLE campaign_leads
    DROP CONSTRAINT campaign_leads_status_known,
    DROP COLUMN time_zones, DROP COLUMN priority, DROP COLUMN score, DROP COLUMN attempts,
    DROP COLUMN last_attempt_at, DROP COLUMN last_outcome, DROP COLUMN retry_at, DROP COLUMN callback_at,
    DROP COLUMN callback_agent_id, DROP COLUMN reserved_by, DROP COLUMN reserved_until, DROP COLUMN import_id,
    DROP COLUMN created_at,
    ALTER COLUMN status SET DEFAULT 'pending'`);
  await knex.raw("UPDATE campaign_leads SET status = 'pending' WHERE status = 'new'");
  await knex.raw('DROP TABLE campaign_import_rejections');
  await knex.raw('DROP TABLE campaign_imports');
  await knex.raw('DROP TABLE campaign_agents');
  await knex.raw('ALTER TABLE campaigns DROP CONSTRAINT campaigns_status_known');
  await knex.raw('ALTER TABLE campaigns DROP COLUMN purpose, DROP COLUMN mode, DROP COLUMN rules, DROP COLUMN version, DROP COLUMN updated_at');
}
