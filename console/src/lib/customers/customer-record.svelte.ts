// One customer's 360 view: profile, cases, and the interaction history paged backwards.
import type { Customer, Customer360, Interaction } from '@kefu/contract';
import { api, isAbort } from '../shared/api.js';

export type RecordStatus = 'loading' | 'ready' | 'error';

export class CustomerRecord {
  status = $state<RecordStatus>('loading');
  customer = $state.raw<Customer | null>(null);
  cases = $state.raw<Customer360['cases']>(null);
  interactions = $state.raw<Interaction[]>([]);
  nextCursor = $state<string | null>(null);
  error = $state<unknown>(null);
  olderLoading = $state(false);
  olderError = $state<unknown>(null);
  /** How many items the last "Load older" added (for the announcement). */
  olderAdded = $state<number | null>(null);
  #controller = new AbortController();

  constructor(readonly id: number) {}

  async load(): Promise<void> {
    this.status = 'loading';
    this.error = null;
    try {
      const data = await api.customer360(this.id, this.#controller.signal);
      this.customer = data.customer;
      this.cases = data.cases;
      this.interactions = data.interactions.items;
      this.nextCursor = data.interactions.nextCursor;
      this.status = 'ready';
    } catch (e) {
      if (isAbort(e)) return;
      this.error = e;
      this.status = 'error';
    }
  }

  /** Appends the next older page; returns the index of its first item, or null. */
  async loadOlder(): Promise<number | null> {
    const cursor = this.nextCursor;
    if (!cursor || this.olderLoading) return null;
    this.olderLoading = true;
    this.olderError = null;
    this.olderAdded = null;
    try {
      const page = await api.olderInteractions(this.id, cursor, this.#controller.signal);
      const first = this.interactions.length;
      const seen = new Set(this.interactions.map((i) => i.id));
      const fresh = page.items.filter((i) => !seen.has(i.id));
      this.interactions = [...this.interactions, ...fresh];
      this.nextCursor = page.nextCursor;
      this.olderAdded = fresh.length;
      return fresh.length ? first : null;
    } catch (e) {
      if (!isAbort(e)) this.olderError = e;
      return null;
    } finally {
      this.olderLoading = false;
    }
  }

  replaceCustomer(c: Customer): void {
    this.customer = c;
  }

  dispose(): void {
    this.#controller.abort();
  }
}
