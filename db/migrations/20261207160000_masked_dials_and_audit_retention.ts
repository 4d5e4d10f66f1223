// Calls to numbers their agent may not see, and the audit log's retention.
//
// - interactions.number_hidden: the agent dialled a one-time token for a number shown to them
//   masked (the switch resolved it); the agent's own lists (today's calls) keep showing it
//   masked, whatever the masking policy says later.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE interactions ADD COLUMN number_hidden boolean NOT NULL DEFAULT false');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE interactions DROP COLUMN number_hidden');
}
