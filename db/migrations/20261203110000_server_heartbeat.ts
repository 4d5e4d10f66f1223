// Several kefu servers may share one database. Each has an identity and a heartbeat here, and
// each call and agent state row says which server holds it, so that a server starting closes
// only its own leftovers and those of servers whose heartbeat has stopped, never a live call
// of a neighbour.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE TABLE servers (
    id text PRIMARY KEY,
    started_at timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL
  )`);
  await knex.raw('ALTER TABLE interactions ADD COLUMN server_id text');
  await knex.raw('ALTER TABLE agent_state_history ADD COLUMN server_id text');
  // What a server closes after a crash: its calls still open. Few rows, so a small index.
  await knex.raw(`CREATE INDEX interactions_open_calls_by_server ON interactions (server_id) WHERE kind = 'call' AND ended_at IS NULL`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX interactions_open_calls_by_server');
  await knex.raw('ALTER TABLE agent_state_history DROP COLUMN server_id');
  await knex.raw('ALTER TABLE interactions DROP COLUMN server_id');
  await knex.raw('DROP TABLE servers');
}
