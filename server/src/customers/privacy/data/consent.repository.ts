// Consent decisions: appended, never changed. The latest per purpose is the state in force.
import type { Knex } from 'knex';
import type { ConsentCreate, ConsentPurpose, ConsentRecord } from '../../../../../contract/index.js';
import type { Db } from '../../../platform/db/database.js';
import { isoRequired } from '../../../platform/db/row-mapping.js';

interface ConsentRow {
  id: string | number;
  purpose: ConsentRecord['purpose'];
  decision: ConsentRecord['decision'];
  channel: ConsentRecord['channel'];
  at: Date;
  recorded_by: number | null;
  recorded_by_name: string | null;
}

function toRecord(r: ConsentRow): ConsentRecord {
  return {
    id: Number(r.id),
    purpose: r.purpose,
    decision: r.decision,
    channel: r.channel,
    at: isoRequired(r.at),
    recordedById: r.recorded_by,
    recordedByName: r.recorded_by_name,
  };
}

export class ConsentRepository {
  constructor(private readonly db: Db) {}

  private base(db: Knex = this.db) {
    return db('customer_consents as cc')
      .leftJoin('users as u', 'u.id', 'cc.recorded_by')
      .select('cc.id', 'cc.purpose', 'cc.decision', 'cc.channel', 'cc.at', 'cc.recorded_by', 'u.display_name as recorded_by_name');
  }

  /** Every record of a customer, newest first. */
  async list(customerId: number): Promise<ConsentRecord[]> {
    const rows = (await this.base().where('cc.customer_id', customerId).orderBy([{ column: 'cc.at', order: 'desc' }, { column: 'cc.id', order: 'desc' }])) as ConsentRow[];
    return rows.map(toRecord);
  }

  /** The decision in force for one purpose, or null when the customer never gave one. */
  async latest(customerId: number, purpose: ConsentPurpose): Promise<ConsentRecord | null> {
    const row = (await this.base()
      .where({ 'cc.customer_id': customerId, 'cc.purpose': purpose })
      .orderBy([{ column: 'cc.at', order: 'desc' }, { column: 'cc.id', order: 'desc' }])
      .first()) as ConsentRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** The decision in force for one purpose of each customer that gave one (campaigns read many at once). */
  async latestForMany(customerIds: readonly number[], purpose: ConsentPurpose): Promise<Map<number, ConsentRecord>> {
    if (customerIds.length === 0) return new Map();
    const rows = (await this.base()
      .select('cc.customer_id')
      .distinctOn('cc.customer_id')
      .whereIn('cc.customer_id', customerIds)
      .where('cc.purpose', purpose)
      .orderBy([{ column: 'cc.customer_id' }, { column: 'cc.at', order: 'desc' }, { column: 'cc.id', order: 'desc' }])) as (ConsentRow & { customer_id: string | number })[];
    return new Map(rows.map((r) => [Number(r.customer_id), toRecord(r)]));
  }

  async add(customerId: number, c: ConsentCreate, userId: number | null, at: Date, db: Knex = this.db): Promise<number> {
    const [row] = await db('customer_consents')
      .insert({ customer_id: customerId, purpose: c.purpose, decision: c.decision, channel: c.channel, recorded_by: userId, at })
      .returning('id');
    return Number((row as { id: string | number }).id);
  }
}
