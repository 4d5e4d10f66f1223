// The foundation schema: people, customers, contacts, cases, queues, state history, audit.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');

  await knex.schema.createTable('teams', (t) => {
    t.increments('id');
    t.string('name', 100).notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('username', 64).notNullable().unique();
    t.string('display_name', 200).notNullable();
    t.text('password_hash').notNullable();
    t.enu('role', ['agent', 'supervisor', 'marketer', 'admin'], { useNative: true, enumName: 'user_role' }).notNullable();
    t.integer('team_id').references('teams.id').onDelete('SET NULL');
    t.string('extension', 20).unique();
    t.string('locale', 10);
    t.boolean('disabled').notNullable().defaultTo(false);
    t.integer('failed_logins').notNullable().defaultTo(0);
    t.timestamp('locked_until', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['team_id']);
  });

  await knex.schema.createTable('sessions', (t) => {
    // sha256 of the cookie token: a leaked table does not hand out sessions.
    t.string('id', 64).primary();
    t.integer('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.string('ip', 64);
    t.string('user_agent', 300);
    t.index(['user_id']);
    t.index(['expires_at']);
  });

  await knex.schema.createTable('customers', (t) => {
    t.bigIncrements('id');
    t.string('name', 200).notNullable();
    t.string('email', 254);
    t.string('company', 200);
    t.string('region', 100);
    t.string('address', 500);
    t.specificType('tags', 'text[]').notNullable().defaultTo('{}');
    t.enu('value_tier', ['vip', 'gold', 'silver', 'standard'], { useNative: true, enumName: 'value_tier' })
      .notNullable()
      .defaultTo('standard');
    t.integer('owner_id').references('users.id').onDelete('SET NULL');
    t.integer('team_id').references('teams.id').onDelete('SET NULL');
    t.timestamp('last_contact_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['owner_id']);
    t.index(['team_id']);
  });
  await knex.raw('CREATE INDEX customers_name_trgm ON customers USING gin (name gin_trgm_ops)');
  await knex.raw('CREATE INDEX customers_email_trgm ON customers USING gin (email gin_trgm_ops)');
  await knex.raw('CREATE INDEX customers_company_trgm ON customers USING gin (company gin_trgm_ops)');

  await knex.schema.createTable('customer_phones', (t) => {
    t.bigIncrements('id');
    t.bigInteger('customer_id').notNullable().references('customers.id').onDelete('CASCADE');
    t.string('e164', 20).notNullable();
    t.string('raw', 40).notNullable();
    t.string('label', 20);
    t.smallint('position').notNullable().defaultTo(0);
    t.unique(['customer_id', 'e164']);
  });
  // Caller look-up is answered from the index alone.
  await knex.raw('CREATE INDEX customer_phones_e164 ON customer_phones (e164) INCLUDE (customer_id)');
  await knex.raw('CREATE INDEX customer_phones_e164_trgm ON customer_phones USING gin (e164 gin_trgm_ops)');

  await knex.schema.createTable('skills', (t) => {
    t.increments('id');
    t.string('name', 60).notNullable().unique();
  });
  await knex.schema.createTable('agent_skills', (t) => {
    t.integer('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.integer('skill_id').notNullable().references('skills.id').onDelete('CASCADE');
    t.smallint('level').notNullable().defaultTo(1);
    t.primary(['user_id', 'skill_id']);
  });
  await knex.schema.createTable('queues', (t) => {
    t.increments('id');
    t.string('name', 60).notNullable().unique();
    t.string('display_name', 200).notNullable();
    t.string('dial_number', 30).unique();
    t.integer('team_id').references('teams.id').onDelete('SET NULL');
    t.integer('skill_id').references('skills.id').onDelete('SET NULL');
    t.integer('ring_seconds').notNullable().defaultTo(15);
    t.integer('wrap_up_seconds').notNullable().defaultTo(60);
    t.integer('max_wait_seconds').notNullable().defaultTo(600);
    t.integer('max_size').notNullable().defaultTo(50);
    t.integer('service_level_seconds').notNullable().defaultTo(20);
    t.integer('overflow_queue_id').references('queues.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('queue_members', (t) => {
    t.integer('queue_id').notNullable().references('queues.id').onDelete('CASCADE');
    t.integer('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.primary(['queue_id', 'user_id']);
    t.index(['user_id']);
  });

  await knex.schema.createTable('campaigns', (t) => {
    t.increments('id');
    t.string('name', 200).notNullable();
    t.integer('owner_id').notNullable().references('users.id');
    t.string('status', 20).notNullable().defaultTo('draft');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['owner_id']);
  });
  await knex.schema.createTable('campaign_leads', (t) => {
    t.bigIncrements('id');
    t.integer('campaign_id').notNullable().references('campaigns.id').onDelete('CASCADE');
    t.bigInteger('customer_id').notNullable().references('customers.id').onDelete('CASCADE');
    t.string('phone_e164', 20).notNullable();
    t.string('status', 20).notNullable().defaultTo('pending');
    t.unique(['campaign_id', 'customer_id']);
    t.index(['customer_id']);
  });

  await knex.schema.createTable('interactions', (t) => {
    t.bigIncrements('id');
    t.bigInteger('customer_id').references('customers.id').onDelete('SET NULL');
    t.enu('kind', ['call', 'note'], { useNative: true, enumName: 'interaction_kind' }).notNullable();
    t.enu('direction', ['inbound', 'outbound'], { useNative: true, enumName: 'call_direction' });
    t.string('caller_number', 20);
    t.integer('agent_id').references('users.id').onDelete('SET NULL');
    t.integer('queue_id').references('queues.id').onDelete('SET NULL');
    t.integer('campaign_id').references('campaigns.id').onDelete('SET NULL');
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('queued_at', { useTz: true });
    t.timestamp('offered_at', { useTz: true });
    t.timestamp('answered_at', { useTz: true });
    t.timestamp('ended_at', { useTz: true });
    t.integer('wait_seconds');
    t.integer('talk_seconds');
    t.integer('hold_seconds');
    t.integer('wrap_seconds');
    t.enu('end_reason', ['completed', 'abandoned', 'missed', 'rejected', 'failed', 'interrupted', 'busy', 'overflow'], {
      useNative: true,
      enumName: 'end_reason',
    });
    t.string('hangup_by', 20);
    t.string('disposition', 60);
    t.text('notes');
    t.string('sip_call_id', 255).unique();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['agent_id', 'customer_id']);
    t.index(['queue_id', 'started_at']);
  });
  // "Latest N interactions of a customer": one index range scan, newest first.
  await knex.raw('CREATE INDEX interactions_customer_latest ON interactions (customer_id, started_at DESC, id DESC)');
  await knex.raw('CREATE INDEX interactions_open ON interactions (id) WHERE ended_at IS NULL AND kind = \'call\'');

  await knex.schema.createTable('interaction_offers', (t) => {
    t.bigIncrements('id');
    t.bigInteger('interaction_id').notNullable().references('interactions.id').onDelete('CASCADE');
    t.integer('agent_id').notNullable().references('users.id').onDelete('CASCADE');
    t.timestamp('offered_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('ended_at', { useTz: true });
    // null while ringing; then answered, missed, rejected, withdrawn
    t.string('outcome', 20);
    t.index(['interaction_id']);
  });
  await knex.raw('CREATE INDEX interaction_offers_ringing ON interaction_offers (agent_id) WHERE outcome IS NULL');

  await knex.raw('CREATE SEQUENCE ticket_number_seq');
  await knex.raw('CREATE SEQUENCE complaint_number_seq');
  await knex.schema.createTable('tickets', (t) => {
    t.bigIncrements('id');
    t.string('number', 20).notNullable().unique();
    t.enu('kind', ['ticket', 'complaint'], { useNative: true, enumName: 'case_kind' }).notNullable();
    t.bigInteger('customer_id').notNullable().references('customers.id').onDelete('CASCADE');
    t.string('subject', 300).notNullable();
    t.text('description');
    t.enu('status', ['new', 'open', 'pending_customer', 'resolved', 'closed'], { useNative: true, enumName: 'case_status' })
      .notNullable()
      .defaultTo('new');
    t.enu('priority', ['P1', 'P2', 'P3', 'P4'], { useNative: true, enumName: 'case_priority' }).notNullable().defaultTo('P3');
    t.string('category', 60);
    t.specificType('tags', 'text[]').notNullable().defaultTo('{}');
    t.integer('assignee_id').references('users.id').onDelete('SET NULL');
    t.integer('team_id').references('teams.id').onDelete('SET NULL');
    // complaint-only fields
    t.string('channel', 20);
    t.enu('severity', ['low', 'medium', 'high', 'critical'], { useNative: true, enumName: 'complaint_severity' });
    t.timestamp('ack_due_at', { useTz: true });
    t.timestamp('acknowledged_at', { useTz: true });
    t.timestamp('resolve_due_at', { useTz: true });
    t.string('root_cause', 60);
    t.text('resolution');
    t.text('compensation');
    t.boolean('customer_confirmed');
    // both kinds
    t.timestamp('resolved_at', { useTz: true });
    t.timestamp('closed_at', { useTz: true });
    t.integer('version').notNullable().defaultTo(1);
    t.integer('created_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['assignee_id', 'status']);
  });
  await knex.raw(`ALTER TABLE tickets ADD CONSTRAINT complaint_fields CHECK (
    kind = 'ticket' OR (category IN ('product','service','billing','staff','other') AND severity IS NOT NULL))`);
  // Open cases of a customer (screen-pop) come from a small partial index; its condition is the
  // query's own, so resolved rows are never read and filtered out.
  await knex.raw(
    `CREATE INDEX tickets_customer_open ON tickets (customer_id, created_at DESC) WHERE status IN ('new', 'open', 'pending_customer')`,
  );
  await knex.raw('CREATE INDEX tickets_customer_recent ON tickets (customer_id, created_at DESC)');

  await knex.schema.createTable('interaction_links', (t) => {
    t.bigInteger('interaction_id').notNullable().references('interactions.id').onDelete('CASCADE');
    t.bigInteger('ticket_id').notNullable().references('tickets.id').onDelete('CASCADE');
    t.integer('linked_by').references('users.id').onDelete('SET NULL');
    t.timestamp('linked_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['interaction_id', 'ticket_id']);
    t.index(['ticket_id']);
  });

  await knex.schema.createTable('agent_state_history', (t) => {
    t.bigIncrements('id');
    t.integer('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.enu('state', ['logged_out', 'ready', 'not_ready', 'ringing', 'on_call', 'wrap_up'], {
      useNative: true,
      enumName: 'agent_state',
    }).notNullable();
    t.string('reason', 40);
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('ended_at', { useTz: true });
    t.index(['user_id', 'started_at']);
  });

  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('user_id').references('users.id').onDelete('SET NULL');
    t.string('action', 60).notNullable();
    t.string('entity', 40);
    t.string('entity_id', 40);
    t.string('outcome', 10).notNullable(); // allowed | denied
    t.integer('row_count');
    t.string('ip', 64);
    t.string('request_id', 40);
    t.jsonb('detail');
    t.index(['at']);
    t.index(['user_id', 'at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'audit_log',
    'agent_state_history',
    'interaction_links',
    'tickets',
    'interaction_offers',
    'interactions',
    'campaign_leads',
    'campaigns',
    'queue_members',
    'queues',
    'agent_skills',
    'skills',
    'customer_phones',
    'customers',
    'sessions',
    'users',
    'teams',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.raw('DROP SEQUENCE IF EXISTS ticket_number_seq');
  await knex.raw('DROP SEQUENCE IF EXISTS complaint_number_seq');
  for (const type of [
    'user_role',
    'value_tier',
    'interaction_kind',
    'call_direction',
    'end_reason',
    'case_kind',
    'case_status',
    'case_priority',
    'complaint_severity',
    'agent_state',
  ]) {
    await knex.raw(`DROP TYPE IF EXISTS ${type}`);
  }
  // pg_trgm stays: other databases objects may use it and dropping it needs ownership.
}
