// Queues, numbers and skills set up in the console. The numbers kefu answers move out of
// `queues.dial_number` into their own table, each with one destination (a queue, an agent, and
// later an IVR menu), stored as E.164 like customers' numbers. Queues gain a version (a stale
// save is a 409), an active flag, priority weights per value tier, opening hours with what
// happens outside them, and a level per member (the ACD prefers a higher one).
import type { Knex } from 'knex';
import type { CountryCode } from 'libphonenumber-js/max';
import { normalizePhone } from '../../server/src/platform/phone-number.js';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('phone_numbers', (t) => {
    t.increments('id');
    t.string('e164', 20).notNullable();
    t.string('label', 100);
    // 'ivr' is kept free for the carrier work: its target column comes with it.
    t.string('destination_kind', 10).notNullable();
    t.integer('queue_id').references('queues.id').onDelete('CASCADE');
    t.integer('user_id').references('users.id').onDelete('CASCADE');
    // The caller id outbound calls show when nothing more specific applies: at most one.
    t.boolean('default_outbound').notNullable().defaultTo(false);
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['e164'], { indexName: 'phone_numbers_e164_unique' });
    t.index(['queue_id']);
  });
  await knex.raw(
    `ALTER TABLE phone_numbers ADD CONSTRAINT phone_numbers_destination CHECK (
       (destination_kind = 'queue' AND queue_id IS NOT NULL AND user_id IS NULL)
       OR (destination_kind = 'agent' AND user_id IS NOT NULL AND queue_id IS NULL))`,
  );
  await knex.raw('CREATE UNIQUE INDEX phone_numbers_one_default ON phone_numbers (default_outbound) WHERE default_outbound');

  // Existing dial numbers, read as the server reads a dialled number (its default region).
  const region = (process.env.KEFU_DEFAULT_REGION ?? 'CN') as CountryCode;
  const dialled = (await knex('queues').whereNotNull('dial_number').select('id', 'dial_number')) as { id: number; dial_number: string }[];
  for (const q of dialled) {
    const e164 = normalizePhone(q.dial_number, region) ?? q.dial_number;
    await knex('phone_numbers').insert({ e164, destination_kind: 'queue', queue_id: q.id }).onConflict('e164').ignore();
  }
  await knex.schema.alterTable('queues', (t) => {
    t.dropColumn('dial_number');
    t.integer('version').notNullable().defaultTo(1);
    t.boolean('active').notNullable().defaultTo(true);
    // Place-in-line weight per customer value tier; a tier not listed weighs 0.
    t.jsonb('tier_weights').notNullable().defaultTo(JSON.stringify({ vip: 1 }));
    // A business calendar (the cases' shape); null: always open.
    t.jsonb('opening_hours');
    // Where callers go while closed; null: they hear busy.
    t.integer('out_of_hours_queue_id').references('queues.id').onDelete('SET NULL');
  });
  await knex.schema.alterTable('queue_members', (t) => {
    t.smallint('skill_level').notNullable().defaultTo(1);
  });
  await knex.raw('ALTER TABLE queue_members ADD CONSTRAINT queue_members_skill_level CHECK (skill_level BETWEEN 1 AND 10)');
  await knex.schema.alterTable('skills', (t) => {
    t.integer('version').notNullable().defaultTo(1);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('skills', (t) => {
    t.dropColumn('version');
  });
  await knex.raw('ALTER TABLE queue_members DROP CONSTRAINT IF EXISTS queue_members_skill_level');
  await knex.schema.alterTable('queue_members', (t) => {
    t.dropColumn('skill_level');
  });
  await knex.schema.alterTable('queues', (t) => {
    t.dropColumns('out_of_hours_queue_id', 'opening_hours', 'tier_weights', 'active', 'version');
    t.string('dial_number', 30).unique();
  });
  // Each queue gets back its first number (written without the country code is not recoverable).
  const rows = (await knex('phone_numbers').where('destination_kind', 'queue').orderBy('id').select('queue_id', 'e164')) as { queue_id: number; e164: string }[];
  const seen = new Set<number>();
  for (const r of rows) {
    if (seen.has(r.queue_id)) continue;
    seen.add(r.queue_id);
    await knex('queues').where('id', r.queue_id).update({ dial_number: r.e164 });
  }
  await knex.schema.dropTable('phone_numbers');
}
