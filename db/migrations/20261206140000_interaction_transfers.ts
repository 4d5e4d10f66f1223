// Transfers of a call between agents: who handed it on, to whom (an agent or a queue), how
// (blind for now), why, when, how long the transferring agent's part lasted, and who answered
// it next. The interaction keeps the whole call; each row here is one hand-off within it.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE TABLE interaction_transfers (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    interaction_id bigint NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('blind', 'consult', 'conference')),
    from_agent_id integer REFERENCES users(id) ON DELETE SET NULL,
    to_agent_id integer REFERENCES users(id) ON DELETE SET NULL,
    to_queue_id integer REFERENCES queues(id) ON DELETE SET NULL,
    reason text,
    from_talk_seconds integer NOT NULL CHECK (from_talk_seconds >= 0),
    transferred_at timestamptz NOT NULL,
    answered_by integer REFERENCES users(id) ON DELETE SET NULL,
    answered_at timestamptz,
    CHECK (to_agent_id IS NOT NULL OR to_queue_id IS NOT NULL)
  )`);
  await knex.raw('CREATE INDEX interaction_transfers_interaction ON interaction_transfers (interaction_id, id)');
  // "Transfers per agent" in the reports, and a transferring agent's access to their call.
  await knex.raw('CREATE INDEX interaction_transfers_from ON interaction_transfers (from_agent_id, transferred_at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE interaction_transfers');
}
