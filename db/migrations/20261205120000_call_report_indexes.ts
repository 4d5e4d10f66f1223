// The wallboard's start-up rebuild and the call reports read the call log by the time callers
// entered a queue, and the agent state history by time across all agents: one index each, so
// a day's figures are one range scan rather than a walk of the whole log.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX IF NOT EXISTS interactions_queued_at ON interactions (queued_at) WHERE queued_at IS NOT NULL');
  await knex.raw('CREATE INDEX IF NOT EXISTS agent_state_history_started_at ON agent_state_history (started_at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS agent_state_history_started_at');
  await knex.raw('DROP INDEX IF EXISTS interactions_queued_at');
}
