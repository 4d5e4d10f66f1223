// Demo set-up of case work: who escalations go to, the sales queue's own wrap-up codes, and a
// satisfaction survey after sales calls.
import type { Knex } from 'knex';
import { refreshAllCaseSla } from '../cases/data/case-sla.sql.js';
import { documentKeys } from '../platform/search-tokens.js';

export async function seedCaseWork(
  trx: Knex,
  ids: { admin: number; supervisor: number; agents: number[]; supportTeam: number; salesTeam: number; salesQueue: number },
): Promise<void> {
  await trx('users').whereIn('id', ids.agents).update({ manager_id: ids.supervisor });
  await trx('users').where('id', ids.supervisor).update({ manager_id: ids.admin });
  await trx('teams').whereIn('id', [ids.supportTeam, ids.salesTeam]).update({ supervisor_id: ids.supervisor });
  await trx('queues').where('id', ids.salesQueue).update({ csat_enabled: true });
  await trx('disposition_codes').insert(
    [
      ['sale', 'Sale', '成交'],
      ['no_sale', 'No sale', '未成交'],
      ['callback_requested', 'Callback requested', '客户要求回电'],
      ['wrong_number', 'Wrong number', '打错电话'],
    ].map(([code, label, label_zh], sort) => ({ queue_id: ids.salesQueue, code, label, label_zh, sort })),
  );
  // The generated history has calls nobody reached; the code is not offered at wrap-up, but its
  // words are the server's like every other code's.
  await trx('disposition_codes').insert({ queue_id: null, code: 'no_answer', label: 'No answer', label_zh: '无人接听', sort: 99, active: false });
}

/**
 * Seeded and imported cases come with due times only: give them what the case services keep
 * beside them — search keys, at-risk points (three quarters of the way to each due time) and a
 * check by the SLA sweep.
 */
export async function completeCaseFields(db: Knex, now: Date): Promise<void> {
  // Number and subject only: the description is sealed at rest, so its words are not keys.
  const rows = (await db('tickets').select('id', 'number', 'subject').whereNull('search')) as {
    id: number;
    number: string;
    subject: string;
  }[];
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    await db.raw(
      `UPDATE tickets t SET search = array_to_tsvector(u.keys::text[])
       FROM (SELECT unnest(?::bigint[]) AS id, unnest(?::text[]) AS keys) u WHERE t.id = u.id`,
      [batch.map((r) => r.id), batch.map((r) => toPgArray(documentKeys(r.number, r.subject)))] as never,
    );
  }
  await db.raw(
    `UPDATE tickets SET ${AT_RISK_POINTS_SQL} WHERE resolve_at_risk_at IS NULL AND resolve_due_at IS NOT NULL`,
  );
  await refreshAllCaseSla(db);
}

/**
 * The at-risk points of cases that came with due times only: three quarters of the way from
 * creation to each due time (the default threshold, in calendar time for want of the policy).
 */
export const AT_RISK_POINTS_SQL = `
  ack_at_risk_at = CASE WHEN ack_due_at IS NOT NULL THEN created_at + (ack_due_at - created_at) * 0.75 END,
  resolve_at_risk_at = CASE WHEN resolve_due_at IS NOT NULL THEN created_at + (resolve_due_at - created_at) * 0.75 END`;

/** A text[] literal: each element double-quoted, so any key survives. */
function toPgArray(items: string[]): string {
  return `{${items.map((s) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
