// Not-ready reasons become data an admin edits, like disposition codes: each with English and
// 简体中文 words, active or retired (retired ones stay readable in history), an order, and a
// version so a concurrent save is a 409. The five reasons of earlier versions are seeded, so
// agents keep choosing them. The system's own reasons (missed, after_call, login) stay in code.
import type { Knex } from 'knex';

export const SEEDED_NOT_READY_REASONS = [
  ['break', 'Break', '小休'],
  ['lunch', 'Lunch', '午餐'],
  ['training', 'Training', '培训'],
  ['meeting', 'Meeting', '会议'],
  ['admin', 'Admin work', '行政事务'],
] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('not_ready_reasons', (t) => {
    t.increments('id');
    t.string('code', 40).notNullable().unique('not_ready_reasons_code_unique');
    t.string('label', 100).notNullable();
    t.string('label_zh', 100).notNullable();
    t.integer('sort').notNullable().defaultTo(0);
    t.boolean('active').notNullable().defaultTo(true);
    t.integer('version').notNullable().defaultTo(1);
  });
  await knex('not_ready_reasons').insert(SEEDED_NOT_READY_REASONS.map(([code, label, label_zh], sort) => ({ code, label, label_zh, sort })));
  await knex.schema.alterTable('disposition_codes', (t) => {
    t.integer('version').notNullable().defaultTo(1);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('disposition_codes', (t) => {
    t.dropColumn('version');
  });
  await knex.schema.dropTable('not_ready_reasons');
}
