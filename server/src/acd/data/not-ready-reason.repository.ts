// Not-ready reasons as admins set them up: the one mapper of the not_ready_reasons table.
import type { Knex } from 'knex';
import type { NotReadyReason } from '../../../../contract/index.js';
import type { Db } from '../../platform/db/database.js';

interface ReasonRow {
  id: number;
  code: string;
  label: string;
  label_zh: string;
  sort: number;
  active: boolean;
  version: number;
}

const toReason = (r: ReasonRow): NotReadyReason => ({
  id: r.id,
  code: r.code,
  label: r.label,
  labelZh: r.label_zh,
  active: r.active,
  sort: r.sort,
  version: r.version,
});

export type ReasonColumns = Partial<Pick<ReasonRow, 'label' | 'label_zh' | 'sort' | 'active'>>;

export class NotReadyReasonRepository {
  constructor(private readonly db: Db) {}

  /** Every reason, retired ones too, in the order agents see them. */
  async list(): Promise<NotReadyReason[]> {
    return ((await this.db('not_ready_reasons').select<ReasonRow[]>('*').orderBy(['sort', 'id'])) as ReasonRow[]).map(toReason);
  }

  async activeCodes(): Promise<string[]> {
    return (await this.db('not_ready_reasons').where('active', true).orderBy(['sort', 'id']).pluck('code')) as string[];
  }

  async find(id: number, db: Knex = this.db): Promise<NotReadyReason | undefined> {
    const row = (await db('not_ready_reasons').where('id', id).first()) as ReasonRow | undefined;
    return row ? toReason(row) : undefined;
  }

  async insert(trx: Knex.Transaction, c: { code: string; label: string; label_zh: string; sort: number }): Promise<number> {
    const [row] = await trx('not_ready_reasons').insert(c).returning('id');
    return (row as { id: number }).id;
  }

  /** The next place at the end of the list, for a reason added without one. */
  async nextSort(trx: Knex.Transaction): Promise<number> {
    const row = (await trx('not_ready_reasons').max({ max: 'sort' }).first()) as { max: number | null } | undefined;
    return (row?.max ?? -1) + 1;
  }

  async update(trx: Knex.Transaction, id: number, version: number, c: ReasonColumns): Promise<boolean> {
    const n = await trx('not_ready_reasons').where({ id, version }).update({ ...c, version: trx.raw('version + 1') });
    return n === 1;
  }
}
