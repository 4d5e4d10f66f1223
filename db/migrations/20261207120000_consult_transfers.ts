// Consult (attended) transfers in the call log. A consult that handed the call over is a
// transfer row of kind 'consult' like any other, answered by the colleague; one that ended
// without it (cancelled, refused, the caller gone) is kept too, with when it started and
// ended, so what the caller waited through on hold can be told.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE interaction_transfers
    ADD COLUMN consult_started_at timestamptz,
    ADD COLUMN cancelled_at timestamptz,
    ADD CONSTRAINT interaction_transfers_consult_times CHECK (kind = 'consult' OR (consult_started_at IS NULL AND cancelled_at IS NULL)),
    ADD CONSTRAINT interaction_transfers_cancelled_unanswered CHECK (cancelled_at IS NULL OR answered_by IS NULL)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE interaction_transfers
    DROP CONSTRAINT interaction_transfers_cancelled_unanswered,
    DROP CONSTRAINT interaction_transfers_consult_times,
    DROP COLUMN cancelled_at,
    DROP COLUMN consult_started_at`);
}
