// The SLA sweep gets its own working set, `case_sla`: one narrow row per running case (new,
// open, pending customer) holding what the sweep reads (the clocks' instants and what decides
// who hears of them) and what it writes (what fired, the worst clock, when to look again). The
// case service keeps each row in step with its case (server/src/cases/data/case-sla.sql.ts); a case that
// stops running leaves the set.
//
// Why: on `tickets` the sweep's write was a full new row version plus an entry in every one of
// the table's indexes (the GIN search index among them), and finding the cases due meant an
// index plus a visit to each case's wide row. Here the set is as large as the open backlog, not
// the history, so the sweep scans it whole; with no index on what the sweep writes, and room
// left in each page, its writes are HOT (no index entry at all).
//
// And the case lists get the indexes that let them stop after a page.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE TABLE case_sla (
    ticket_id bigint PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
    kind case_kind NOT NULL,
    priority case_priority NOT NULL,
    category varchar(60),
    severity complaint_severity,
    assignee_id integer,
    team_id integer,
    ack_due_at timestamptz,
    ack_at_risk_at timestamptz,
    acknowledged_at timestamptz,
    resolve_due_at timestamptz,
    resolve_at_risk_at timestamptz,
    paused_at timestamptz,
    -- What the sweep has already fired per clock, so it never fires twice.
    state jsonb NOT NULL DEFAULT '{}',
    -- on_track | at_risk | breached: the worst of the running clocks, for lists and reports.
    status varchar(10) NOT NULL DEFAULT 'on_track',
    -- When the sweep must look at this case again; null when nothing can change by itself.
    next_check_at timestamptz
  ) WITH (fillfactor = 50)`);
  // "At risk" and "breached" filters read the few cases not on track.
  await knex.raw(`CREATE INDEX case_sla_flagged ON case_sla (status, ticket_id) WHERE status <> 'on_track'`);
  await knex.raw(
    `INSERT INTO case_sla (ticket_id, kind, priority, category, severity, assignee_id, team_id, ack_due_at, ack_at_risk_at,
       acknowledged_at, resolve_due_at, resolve_at_risk_at, paused_at, state, status, next_check_at)
     SELECT id, kind, priority, category, severity, assignee_id, team_id, ack_due_at, ack_at_risk_at,
       acknowledged_at, resolve_due_at, resolve_at_risk_at, paused_at, sla_state, sla_status, sla_next_check_at
     FROM tickets WHERE status IN ('new', 'open', 'pending_customer')`,
  );
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
  for (const index of ['tickets_kind_status', 'tickets_priority', 'tickets_category', 'tickets_recent', 'tickets_assignee_recent']) {
    await knex.raw(`DROP INDEX IF EXISTS ${index}`);
  }
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
