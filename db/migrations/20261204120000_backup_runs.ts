// Every backup run the server makes, scheduled or asked for by an admin: when, how
// big, and how it ended. The admin's page shows the last ones; a failure keeps its message as a
// code and params, so it is shown in the viewer's language. A scheduled run's slot is unique,
// so with several servers on one database only one of them backs up each day.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE TABLE backup_runs (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trigger text NOT NULL CHECK (trigger IN ('scheduled', 'manual')),
    scheduled_for timestamptz,
    requested_by integer REFERENCES users(id) ON DELETE SET NULL,
    server_id text,
    status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    started_at timestamptz NOT NULL,
    finished_at timestamptz,
    file_name text,
    size_bytes bigint,
    key_id text,
    error jsonb,
    CHECK ((trigger = 'scheduled') = (scheduled_for IS NOT NULL))
  )`);
  await knex.raw('CREATE UNIQUE INDEX backup_runs_one_per_slot ON backup_runs (scheduled_for) WHERE scheduled_for IS NOT NULL');
  await knex.raw("CREATE INDEX backup_runs_succeeded ON backup_runs (id DESC) WHERE status = 'succeeded'");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE backup_runs');
}
