// Erasure in the database: one transaction that replaces a customer's personal data where it
// lives (the record and its phones, calls and their notes, campaign lists, cases, their timelines
// and search keys, follow-up notes) and keeps what reports count (rows, times, dispositions).
import type { Knex } from 'knex';
import type { ErasureResult } from '../../../../../contract/index.js';
import type { Db } from '../../../platform/db/database.js';
import { documentKeys } from '../../../platform/search-tokens.js';
import { legalHolds, type HoldCandidate, type LegalHold } from '../rules/legal-hold.js';
import { ERASED_NAME, REDACTED, redactDetail } from '../rules/redaction.js';

export type ErasureCounts = ErasureResult['counts'];

export type ErasureOutcome = { held: LegalHold[] } | { counts: ErasureCounts };

const redactedOrNull = (trx: Knex, column: string) => trx.raw(`CASE WHEN ${column} IS NULL THEN NULL ELSE ? END`, [REDACTED]);

export class ErasureRepository {
  constructor(private readonly db: Db) {}

  /**
   * Erases the customer unless a legal hold stands; the hold is read under the customer's lock,
   * so a complaint opened meanwhile is seen. `tokenOf` turns a number into its token. `audit`
   * writes the record of it in the same transaction.
   */
  async erase(customerId: number, at: Date, tokenOf: (e164: string) => string, audit: (trx: Knex.Transaction, counts: ErasureCounts) => Promise<void>): Promise<ErasureOutcome> {
    return this.db.transaction(async (trx) => {
      await trx('customers').where({ id: customerId }).forUpdate().first('id');
      const cases = (await trx('tickets').where({ customer_id: customerId }).forUpdate().select('id', 'number', 'kind', 'status', 'category')) as (HoldCandidate & { id: string | number })[];
      const held = legalHolds(cases);
      if (held.length) return { held };

      const phones = (await trx('customer_phones').where({ customer_id: customerId }).select('id', 'e164')) as { id: string | number; e164: string }[];
      const numbers = phones.map((p) => p.e164);
      for (const p of phones) {
        const token = tokenOf(p.e164);
        await trx('customer_phones').where({ id: p.id }).update({ e164: token, raw: token, label: null });
      }
      await trx('customers').where({ id: customerId }).update({
        name: ERASED_NAME,
        email: null,
        email_hash: null,
        company: null,
        region: null,
        address: null,
        tags: [],
        erased_at: at,
        updated_at: at,
      });

      // Calls: their numbers become tokens (also unidentified calls from a number no one else
      // has), their notes the marker. Times, durations and dispositions stay for the reports.
      const calls = (await trx('interactions')
        .where({ customer_id: customerId })
        .orWhere((w) => {
          w.whereNull('customer_id').whereIn('caller_number', numbers.length ? numbers : ['']).whereNotExists(
            trx('customer_phones as o').whereRaw('o.e164 = interactions.caller_number').whereNot('o.customer_id', customerId),
          );
        })
        .select('id', 'caller_number', 'notes')) as { id: string | number; caller_number: string | null; notes: string | null }[];
      let notes = 0;
      for (const c of calls) {
        if (c.notes !== null) notes++;
        await trx('interactions')
          .where({ id: c.id })
          .update({ caller_number: c.caller_number === null ? null : tokenOf(c.caller_number), notes: c.notes === null ? null : REDACTED });
      }
      // A transfer's reason is free text typed about the caller: it goes like the notes.
      if (calls.length) {
        await trx('interaction_transfers').whereIn('interaction_id', calls.map((c) => c.id)).whereNotNull('reason').update({ reason: REDACTED });
      }
      const leads = (await trx('campaign_leads').where({ customer_id: customerId }).select('id', 'phone_e164')) as { id: string | number; phone_e164: string }[];
      for (const l of leads) await trx('campaign_leads').where({ id: l.id }).update({ phone_e164: tokenOf(l.phone_e164) });

      // Cases: the texts go, the search keys keep only the case number.
      for (const c of cases) {
        await trx('tickets')
          .where({ id: c.id })
          .update({
            subject: REDACTED,
            description: redactedOrNull(trx, 'description'),
            resolution: redactedOrNull(trx, 'resolution'),
            compensation: redactedOrNull(trx, 'compensation'),
            search: trx.raw('array_to_tsvector(?::text[])', [documentKeys(c.number)]),
          });
      }
      const caseIds = cases.map((c) => c.id);
      const events = (await trx('case_events').whereIn('ticket_id', caseIds).select('id', 'detail')) as { id: string | number; detail: unknown }[];
      for (const e of events) await trx('case_events').where({ id: e.id }).update({ detail: JSON.stringify(redactDetail(e.detail)) });
      const followUps = await trx('follow_up_tasks').where({ customer_id: customerId }).whereNotNull('note').update({ note: REDACTED });

      const counts: ErasureCounts = {
        phones: phones.length,
        interactions: calls.length,
        notes,
        cases: cases.length,
        caseEvents: events.length,
        followUps,
      };
      await audit(trx, counts);
      return { counts };
    });
  }
}
