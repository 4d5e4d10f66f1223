// Wrap-up codes: a queue's own, or the shared ones (queue_id null) for calls outside a queue
// and for queues that have none of their own.
import type { Db } from '../../platform/db/database.js';
import type { DispositionCode } from '../../../../contract/index.js';

export class DispositionRepository {
  constructor(private readonly db: Db) {}

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
}
