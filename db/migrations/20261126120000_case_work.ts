// Case work: SLA clocks and escalations on tickets and complaints, their timeline, follow-up
// tasks (回访), wrap-up disposition codes per queue, post-call satisfaction, and the settings
// (business calendar, SLA policy) the clocks follow.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Small typed documents an admin can change at run time (business calendar, SLA policy).
  await knex.schema.createTable('settings', (t) => {
    t.string('key', 60).primary();
    t.jsonb('value').notNullable();
    t.integer('version').notNullable().defaultTo(1);
    t.integer('updated_by').references('users.id').onDelete('SET NULL');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  // Who escalations go to: a team's supervisor, and above a supervisor their manager.
  await knex.schema.alterTable('teams', (t) => {
    t.integer('supervisor_id').references('users.id').onDelete('SET NULL');
  });
  await knex.schema.alterTable('users', (t) => {
    t.integer('manager_id').references('users.id').onDelete('SET NULL');
  });

  await knex.schema.alterTable('tickets', (t) => {
    // Logged attempts to reach the customer (a complaint may close on one when unconfirmed).
    t.integer('contact_attempts').notNullable().defaultTo(0);
    // The resolution clock stops while the case waits for the customer.
    t.timestamp('paused_at', { useTz: true });
    // When each clock turns "at risk" (e.g. 75 % of its business time used), computed with its
    // due time, so reading a case's SLA state needs no calendar arithmetic.
    t.timestamp('ack_at_risk_at', { useTz: true });
    t.timestamp('resolve_at_risk_at', { useTz: true });
    // What the scheduler has already fired for each clock, so it never fires twice.
    t.jsonb('sla_state').notNullable().defaultTo('{}');
    // on_track | at_risk | breached: the worst of the running clocks, for lists and filters.
    t.string('sla_status', 10).notNullable().defaultTo('on_track');
    // When the scheduler must look at this case again; null when no clock runs.
    t.timestamp('sla_next_check_at', { useTz: true });
    // Words and CJK bigrams of number, subject and description, built by the application.
    t.specificType('search', 'tsvector');
  });
  await knex.raw('CREATE INDEX tickets_sla_due ON tickets (sla_next_check_at) WHERE sla_next_check_at IS NOT NULL');
  await knex.raw('CREATE INDEX tickets_search ON tickets USING gin (search)');
  await knex.raw('CREATE INDEX tickets_list ON tickets (status, created_at DESC, id DESC)');
  await knex.raw('CREATE INDEX tickets_team_status ON tickets (team_id, status)');
  await knex.raw(`CREATE INDEX tickets_breached ON tickets (resolve_due_at) WHERE sla_status <> 'on_track'`);

  await knex.schema.createTable('case_events', (t) => {
    t.bigIncrements('id');
    t.bigInteger('ticket_id').notNullable().references('tickets.id').onDelete('CASCADE');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('actor_id').references('users.id').onDelete('SET NULL');
    // created, status, assigned, note, linked, unlinked, field, at_risk, breached, escalated, follow_up, contact_attempt
    t.string('type', 30).notNullable();
    t.jsonb('detail').notNullable().defaultTo('{}');
    t.index(['ticket_id', 'at']);
  });

  await knex.schema.createTable('escalations', (t) => {
    t.bigIncrements('id');
    t.bigInteger('ticket_id').notNullable().references('tickets.id').onDelete('CASCADE');
    t.string('clock', 12).notNullable(); // acknowledge | resolve
    t.string('level', 20).notNullable(); // at_risk | breached | breached_level2
    t.timestamp('due_at', { useTz: true }).notNullable();
    t.integer('to_user_id').references('users.id').onDelete('SET NULL');
    t.timestamp('fired_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('acknowledged_at', { useTz: true });
    t.integer('acknowledged_by').references('users.id').onDelete('SET NULL');
    // One escalation per case, clock, level and due time: the database refuses a second firing.
    t.unique(['ticket_id', 'clock', 'level', 'due_at']);
    t.index(['to_user_id', 'acknowledged_at']);
  });

  await knex.schema.createTable('follow_up_tasks', (t) => {
    t.bigIncrements('id');
    t.bigInteger('ticket_id').references('tickets.id').onDelete('CASCADE');
    // The call a low satisfaction score came from.
    t.bigInteger('interaction_id').references('interactions.id').onDelete('SET NULL');
    t.bigInteger('customer_id').notNullable().references('customers.id').onDelete('CASCADE');
    t.integer('assignee_id').references('users.id').onDelete('SET NULL');
    t.integer('team_id').references('teams.id').onDelete('SET NULL');
    t.timestamp('due_at', { useTz: true }).notNullable();
    t.string('status', 12).notNullable().defaultTo('pending'); // pending | done | cancelled
    t.string('outcome', 24); // reached_confirmed | reached_not_solved | not_reached
    t.integer('attempts').notNullable().defaultTo(0);
    t.string('reason', 16).notNullable(); // manual | on_resolve | low_csat
    t.text('note');
    t.bigInteger('last_interaction_id').references('interactions.id').onDelete('SET NULL');
    t.integer('version').notNullable().defaultTo(1);
    t.integer('created_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('completed_at', { useTz: true });
  });
  await knex.raw(`CREATE INDEX follow_ups_assignee_due ON follow_up_tasks (assignee_id, due_at) WHERE status = 'pending'`);
  await knex.raw(`CREATE INDEX follow_ups_team_due ON follow_up_tasks (team_id, due_at) WHERE status = 'pending'`);
  await knex.raw('CREATE INDEX follow_ups_ticket ON follow_up_tasks (ticket_id)');

  // Wrap-up codes; queue_id null = the codes of calls outside any queue.
  await knex.schema.createTable('disposition_codes', (t) => {
    t.increments('id');
    t.integer('queue_id').references('queues.id').onDelete('CASCADE');
    t.string('code', 40).notNullable();
    t.string('label', 100).notNullable();
    t.string('label_zh', 100).notNullable();
    t.integer('sort').notNullable().defaultTo(0);
    t.boolean('active').notNullable().defaultTo(true);
  });
  await knex.raw('CREATE UNIQUE INDEX disposition_codes_queue_code ON disposition_codes (coalesce(queue_id, 0), code)');

  // Shared wrap-up codes, so wrap-up works on a fresh install before anyone configures a queue.
  await knex('disposition_codes').insert(
    [
      ['resolved_first_time', 'Resolved on first contact', '首次解决'],
      ['follow_up_needed', 'Follow-up needed', '需要回访'],
      ['complaint_logged', 'Complaint logged', '已登记投诉'],
      ['sale', 'Sale', '成交'],
      ['callback_requested', 'Callback requested', '客户要求回电'],
      ['wrong_number', 'Wrong number', '打错电话'],
    ].map(([code, label, label_zh], sort) => ({ queue_id: null, code, label, label_zh, sort })),
  );

  await knex.schema.alterTable('queues', (t) => {
    t.boolean('csat_enabled').notNullable().defaultTo(false);
  });
  await knex.schema.alterTable('interactions', (t) => {
    t.smallint('csat_score');
    t.timestamp('csat_at', { useTz: true });
    t.timestamp('wrap_ended_at', { useTz: true });
  });
  await knex.raw('ALTER TABLE interactions ADD CONSTRAINT csat_score_range CHECK (csat_score BETWEEN 1 AND 5)');
  await knex.raw('CREATE INDEX interactions_csat ON interactions (csat_at) WHERE csat_score IS NOT NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS interactions_csat');
  await knex.raw('ALTER TABLE interactions DROP CONSTRAINT IF EXISTS csat_score_range');
  await knex.schema.alterTable('interactions', (t) => {
    t.dropColumns('csat_score', 'csat_at', 'wrap_ended_at');
  });
  await knex.schema.alterTable('queues', (t) => {
    t.dropColumn('csat_enabled');
  });
  for (const table of ['disposition_codes', 'follow_up_tasks', 'escalations', 'case_events']) {
    await knex.schema.dropTableIfExists(table);
  }
  for (const index of ['tickets_sla_due', 'tickets_search', 'tickets_list', 'tickets_team_status', 'tickets_breached']) {
    await knex.raw(`DROP INDEX IF EXISTS ${index}`);
  }
  await knex.schema.alterTable('tickets', (t) => {
    t.dropColumns('contact_attempts', 'paused_at', 'ack_at_risk_at', 'resolve_at_risk_at', 'sla_state', 'sla_status', 'sla_next_check_at', 'search');
  });
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('manager_id');
  });
  await knex.schema.alterTable('teams', (t) => {
    t.dropColumn('supervisor_id');
  });
  await knex.schema.dropTableIfExists('settings');
}
