// Wrap-up codes: a queue's own, or the shared ones (queue_id null) for calls outside a queue
// and for queues that have none of their own. The one mapper of disposition_codes; admins edit
// the rows through the same class.
import type { Knex } from 'knex';
import type { Db } from '../../platform/db/database.js';
import type { AdminDisposition, DispositionCode } from '../../../../contract/index.js';

interface DispositionRow {
  id: number;
  queue_id: number | null;
  queue_name: string | null;
  code: string;
  label: string;
  label_zh: string;
  sort: number;
  active: boolean;
  reveals_case: boolean;
  version: number;
}

const toAdminDisposition = (r: DispositionRow): AdminDisposition => ({
  id: r.id,
  queueId: r.queue_id,
  queueName: r.queue_name,
  code: r.code,
  label: r.label,
  labelZh: r.label_zh,
  sort: r.sort,
  active: r.active,
  revealsCase: r.reveals_case,
  version: r.version,
});

export type DispositionColumns = Partial<Pick<DispositionRow, 'label' | 'label_zh' | 'sort' | 'active' | 'reveals_case'>>;

export class DispositionRepository {
  constructor(private readonly db: Db) {}

  /** The active codes offered at wrap-up of a call in this queue (null: outside any queue). */
  async forQueue(queueId: number | null): Promise<DispositionCode[]> {
    const own = queueId === null ? [] : await this.codes(queueId);
    return own.length ? own : this.codes(null);
  }

  private async codes(queueId: number | null): Promise<DispositionCode[]> {
    const q = this.db('disposition_codes').select('code', 'label', 'label_zh').where('active', true).orderBy(['sort', 'id']);
    if (queueId === null) q.whereNull('queue_id');
    else q.where('queue_id', queueId);
    const rows = (await q) as { code: string; label: string; label_zh: string }[];
    return rows.map((r) => ({ code: r.code, label: r.label, labelZh: r.label_zh }));
  }

  private admin(db: Knex = this.db) {
    return db('disposition_codes as d')
      .leftJoin('queues as q', 'q.id', 'd.queue_id')
      .select('d.id', 'd.queue_id', 'q.display_name as queue_name', 'd.code', 'd.label', 'd.label_zh', 'd.sort', 'd.active', 'd.reveals_case', 'd.version');
  }

  /** Every code, retired ones too: the shared ones first, then each queue's, in their order. */
  async list(): Promise<AdminDisposition[]> {
    const rows = (await this.admin().orderByRaw('d.queue_id NULLS FIRST, d.sort, d.id')) as DispositionRow[];
    return rows.map(toAdminDisposition);
  }

  /** The queues a code can be given to, by the name people see. */
  async queues(): Promise<{ id: number; name: string }[]> {
    return (await this.db('queues').select('id', 'display_name as name').orderBy(['display_name', 'id'])) as { id: number; name: string }[];
  }

  async find(id: number, db: Knex = this.db): Promise<AdminDisposition | undefined> {
    const row = (await this.admin(db).where('d.id', id).first()) as DispositionRow | undefined;
    return row ? toAdminDisposition(row) : undefined;
  }

  /** The next place at the end of a queue's (or the shared) list. */
  async nextSort(trx: Knex.Transaction, queueId: number | null): Promise<number> {
    const q = trx('disposition_codes').max({ max: 'sort' });
    if (queueId === null) q.whereNull('queue_id');
    else q.where('queue_id', queueId);
    const row = (await q.first()) as { max: number | null } | undefined;
    return (row?.max ?? -1) + 1;
  }

  async insert(
    trx: Knex.Transaction,
    c: { queue_id: number | null; code: string; label: string; label_zh: string; sort: number; reveals_case: boolean },
  ): Promise<number> {
    const [row] = await trx('disposition_codes').insert(c).returning('id');
    return (row as { id: number }).id;
  }

  async update(trx: Knex.Transaction, id: number, version: number, c: DispositionColumns): Promise<boolean> {
    const n = await trx('disposition_codes').where({ id, version }).update({ ...c, version: trx.raw('version + 1') });
    return n === 1;
  }
}
