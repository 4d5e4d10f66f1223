// The SLA sweep decides which cases have something new in SQL, from the copied instants and
// the levels already passed (server/src/cases/data/sla-due.sql.ts), instead of keeping a
// "look again at" instant per case. The column goes: a quiet case is no longer written at
// every point its clocks pass, and a change to a case no longer has to ask for a fresh look.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE case_sla DROP COLUMN next_check_at');
}

export async function down(knex: Knex): Promise<void> {
  // Every running case is looked at on the first pass of the sweep that reads the column.
  await knex.raw('ALTER TABLE case_sla ADD COLUMN next_check_at timestamptz');
  await knex.raw('UPDATE case_sla SET next_check_at = now()');
}
