// The numbers kefu answers, with where each goes, as the administration lists and edits them.
import type { Knex } from 'knex';
import type { AdminPhoneNumber } from '../../../../contract/index.js';
import type { Db } from '../../platform/db/database.js';

interface Row {
  id: number;
  e164: string;
  label: string | null;
  destination_kind: 'queue' | 'agent';
  queue_id: number | null;
  user_id: number | null;
  default_outbound: boolean;
  version: number;
  destination_name: string | null;
}

const toNumber = (r: Row): AdminPhoneNumber => ({
  id: r.id,
  number: r.e164,
  label: r.label,
  destination: r.destination_kind === 'queue' ? { kind: 'queue', queueId: r.queue_id! } : { kind: 'agent', userId: r.user_id! },
  destinationName: r.destination_name ?? '',
  defaultOutbound: r.default_outbound,
  version: r.version,
});

export interface PhoneNumberColumns {
  e164?: string;
  label?: string | null;
  destination_kind?: 'queue' | 'agent';
  queue_id?: number | null;
  user_id?: number | null;
  default_outbound?: boolean;
}

export class PhoneNumberRepository {
  constructor(private readonly db: Db) {}

  private base(db: Knex = this.db) {
    return db('phone_numbers as p')
      .leftJoin('queues as q', 'q.id', 'p.queue_id')
      .leftJoin('users as u', 'u.id', 'p.user_id')
      .select<Row[]>('p.*', db.raw('coalesce(q.display_name, u.display_name) as destination_name'));
  }

  async list(): Promise<AdminPhoneNumber[]> {
    return (await this.base().orderBy('p.e164')).map(toNumber);
  }

  /** The number marked as the default outbound caller id, if any (at most one is). */
  async defaultOutbound(): Promise<string | null> {
    const row = (await this.db('phone_numbers').where('default_outbound', true).first('e164')) as { e164: string } | undefined;
    return row?.e164 ?? null;
  }

  async find(id: number, db: Knex = this.db): Promise<AdminPhoneNumber | undefined> {
    const row = await this.base(db).where('p.id', id).first();
    return row ? toNumber(row) : undefined;
  }

  async insert(trx: Knex.Transaction, c: PhoneNumberColumns): Promise<number> {
    const [row] = await trx('phone_numbers').insert(c).returning('id');
    return (row as { id: number }).id;
  }

  async update(trx: Knex.Transaction, id: number, version: number, c: PhoneNumberColumns): Promise<boolean> {
    return (await trx('phone_numbers').where({ id, version }).update({ ...c, version: trx.raw('version + 1') })) === 1;
  }

  async remove(trx: Knex.Transaction, id: number): Promise<void> {
    await trx('phone_numbers').where('id', id).delete();
  }

  /** Only one number is the default caller id: the others give it up. */
  async clearDefaultOutbound(trx: Knex.Transaction, exceptId: number | null): Promise<void> {
    await trx('phone_numbers')
      .where('default_outbound', true)
      .modify((b) => {
        if (exceptId !== null) b.whereNot('id', exceptId);
      })
      .update({ default_outbound: false, version: trx.raw('version + 1') });
  }
}
