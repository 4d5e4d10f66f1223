// A wrap-up code can say that a ticket or complaint exists ("Complaint logged"). Roles that may
// not see cases (marketers) must not learn of them through a customer's call history either.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE disposition_codes ADD COLUMN reveals_case boolean NOT NULL DEFAULT false');
  await knex('disposition_codes').whereIn('code', ['complaint_logged', 'follow_up_needed']).update({ reveals_case: true });
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE disposition_codes DROP COLUMN reveals_case');
}
