// The SLA sweep's own state moves out of `tickets` into a narrow table, one row per case; and
// the case lists get the indexes that let them stop after a page.
//
// Why: the sweep rewrites every case it looks at (what fired, the worst clock, when to look
// again). On `tickets` each such write was a full new row version plus an entry in every one
// of the table's indexes (the GIN search index among them), because the next-check column is
// indexed and so the update can never be HOT. Here a sweep writes a row of four small columns
// with three small indexes, and a case's own writes (notes, status) no longer touch the sweep's.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('case_sla', (t) => {
    t.bigInteger('ticket_id').primary().references('tickets.id').onDelete('CASCADE');
    // What the sweep has already fired per clock, so it never fires twice.
    t.jsonb('state').notNullable().defaultTo('{}');
    // on_track | at_risk | breached: the worst of the running clocks, for lists and reports.
    t.string('status', 10).notNullable().defaultTo('on_track');
    // When the sweep must look at this case again; null when no clock runs.
    t.timestamp('next_check_at', { useTz: true });
  });
  await knex.raw(
    `INSERT INTO case_sla (ticket_id, state, status, next_check_at)
     SELECT id, sla_state, sla_status, sla_next_check_at FROM tickets`,
  );
  await knex.raw('CREATE INDEX case_sla_due ON case_sla (next_check_at) WHERE next_check_at IS NOT NULL');
  // "At risk" and "breached" filters read the few cases not on track.
  await knex.raw(`CREATE INDEX case_sla_flagged ON case_sla (status, ticket_id) WHERE status <> 'on_track'`);
  await knex.raw('DROP INDEX IF EXISTS tickets_sla_due');
  await knex.raw('DROP INDEX IF EXISTS tickets_breached');
  await knex.schema.alterTable('tickets', (t) => {
    t.dropColumns('sla_state', 'sla_status', 'sla_next_check_at');
  });
  // Lists show the newest cases first. Without a status filter (or with "active", an IN list the
  // status-led index cannot return in date order) and with text search, PostgreSQL had to sort
  // every matching case; walking the cases newest first stops after a page.
  await knex.raw('CREATE INDEX tickets_recent ON tickets (created_at DESC, id DESC)');
  await knex.raw('CREATE INDEX tickets_assignee_recent ON tickets (assignee_id, created_at DESC, id DESC)');
  // A rare combination of filters is found through these (combined in a bitmap) and sorted,
  // instead of walking every case newest first to find none. Whether a combination is rare the
  // planner learns from statistics over the filter columns together: complaints, for one, only
  // take some priorities and categories, which per-column statistics cannot tell it.
  await knex.raw('CREATE INDEX tickets_kind_status ON tickets (kind, status, created_at DESC, id DESC)');
  await knex.raw('CREATE INDEX tickets_priority ON tickets (priority)');
  await knex.raw('CREATE INDEX tickets_category ON tickets (category)');
  await knex.raw('CREATE STATISTICS tickets_filters (mcv) ON kind, status, priority, category FROM tickets');
  await knex.raw('ALTER STATISTICS tickets_filters SET STATISTICS 1000');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP STATISTICS IF EXISTS tickets_filters');
  for (const index of ['tickets_kind_status', 'tickets_priority', 'tickets_category']) await knex.raw(`DROP INDEX IF EXISTS ${index}`);
  await knex.raw('DROP INDEX IF EXISTS tickets_recent');
  await knex.raw('DROP INDEX IF EXISTS tickets_assignee_recent');
  await knex.schema.alterTable('tickets', (t) => {
    t.jsonb('sla_state').notNullable().defaultTo('{}');
    t.string('sla_status', 10).notNullable().defaultTo('on_track');
    t.timestamp('sla_next_check_at', { useTz: true });
  });
  await knex.raw(
    `UPDATE tickets t SET sla_state = s.state, sla_status = s.status, sla_next_check_at = s.next_check_at
     FROM case_sla s WHERE s.ticket_id = t.id`,
  );
  await knex.raw('CREATE INDEX tickets_sla_due ON tickets (sla_next_check_at) WHERE sla_next_check_at IS NOT NULL');
  await knex.raw(`CREATE INDEX tickets_breached ON tickets (resolve_due_at) WHERE sla_status <> 'on_track'`);
  await knex.schema.dropTable('case_sla');
}
