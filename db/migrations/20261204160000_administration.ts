// Administration: users and teams are edited in the console, so their rows carry versions (a
// concurrent save is a 409), and a user given a one-time password must set their own.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.integer('version').notNullable().defaultTo(1);
    t.boolean('must_change_password').notNullable().defaultTo(false);
  });
  await knex.schema.alterTable('teams', (t) => {
    t.integer('version').notNullable().defaultTo(1);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('teams', (t) => {
    t.dropColumn('version');
  });
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('must_change_password');
    t.dropColumn('version');
  });
}
