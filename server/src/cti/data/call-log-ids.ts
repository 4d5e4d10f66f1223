// Interaction ids drawn ahead of time, a few at once, so admitting a caller costs no database
// round trip for the id: the offer and its pop carry the id while the row is still being written.
import type { CallLogRepository } from './call-log.repository.js';

export class InteractionIdPool {
  private readonly ids: number[] = [];
  private refill: Promise<void> | null = null;

  constructor(
    private readonly callLog: Pick<CallLogRepository, 'reserveIds'>,
    private readonly batch = 20,
  ) {}

  next(): Promise<number> {
    const id = this.ids.shift();
    if (id === undefined) return this.topUp().then(() => this.next());
    if (this.ids.length < this.batch / 4) this.topUp().catch(() => {}); // a failure shows at the next draw
    return Promise.resolve(id);
  }

  /** Resolves once no draw is in flight (shutdown, tests). */
  async settled(): Promise<void> {
    await this.refill?.catch(() => {});
  }

  private topUp(): Promise<void> {
    this.refill ??= this.callLog
      .reserveIds(this.batch)
      .then((ids) => void this.ids.push(...ids))
      .finally(() => (this.refill = null));
    return this.refill;
  }
}
