// A queue's service level is one explicit setting: its threshold (service_level_seconds, already
// there), the formula in force and the short-abandon limit. The wallboard and the call reports
// read the same three columns, so the live figure and the historical one cannot disagree.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('queues', (t) => {
    // 'answered_and_abandoned': answered within T / (answered + abandoned after the short limit).
    // 'answered': answered within T / answered.
    t.string('service_level_formula', 30).notNullable().defaultTo('answered_and_abandoned');
    t.integer('short_abandon_seconds').notNullable().defaultTo(5);
  });
  await knex.raw(
    `ALTER TABLE queues ADD CONSTRAINT queues_service_level_formula
       CHECK (service_level_formula IN ('answered_and_abandoned', 'answered'))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE queues DROP CONSTRAINT IF EXISTS queues_service_level_formula');
  await knex.schema.alterTable('queues', (t) => {
    t.dropColumn('short_abandon_seconds');
    t.dropColumn('service_level_formula');
  });
}
