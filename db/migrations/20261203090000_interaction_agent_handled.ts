// "Customers an agent has handled" is a visibility rule, so which calls count as handling must
// be decided, not implied by whoever dialled whom. A call counts when the ACD offered it and the
// agent answered (queue calls), or when the agent chose or created the customer on it, or when
// the agent could already see the customer the number belongs to. Dialling a stranger's number
// logs the call against that customer for the record, and grants the agent nothing.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE interactions ADD COLUMN agent_handled boolean NOT NULL DEFAULT true');
  // Calls outside a queue logged before this rule: the customer came from the system's lookup,
  // not from the agent, so they stop granting a look (owners and choices still do).
  await knex.raw(`UPDATE interactions SET agent_handled = false WHERE kind = 'call' AND queue_id IS NULL AND agent_id IS NOT NULL`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE interactions DROP COLUMN agent_handled');
}
