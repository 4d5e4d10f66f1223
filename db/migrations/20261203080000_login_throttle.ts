// Sign-in attempts are counted here, per source address and account and per source address,
// before the password is checked: a count taken after the slow hash let a burst of parallel
// guesses all through, and a lock on the account itself let anyone lock anyone out.
// Failed-login columns on users are left unused (kept so that `down` loses nothing).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE TABLE login_throttle (
    key text PRIMARY KEY,
    attempts integer NOT NULL,
    blocked_until timestamptz,
    updated_at timestamptz NOT NULL
  )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE login_throttle');
}
