// One page of the case list at a time, with "Load more" following the server's cursor.
import type { CaseListItem } from '@kefu/contract';
import { isAbort } from '../shared/api.js';
import { supervisionApi } from '../supervision/supervision-api.js';

export type LoadState = 'idle' | 'loading' | 'done' | 'error';

export class CaseListLoader {
  status = $state<LoadState>('idle');
  items = $state.raw<CaseListItem[]>([]);
  nextCursor = $state<string | null>(null);
  error = $state<unknown>(null);
  /** "Load more" has its own state: a failed next page keeps the rows already shown. */
  moreStatus = $state<LoadState>('idle');
  moreError = $state<unknown>(null);
  /** How many rows the last "Load more" added, for the announcement. */
  lastAdded = $state(0);

  #query = '';
  #controller: AbortController | null = null;

  /** Shows the first page for `query` (the cleaned filter part of the URL). */
  async show(query: string): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.#query = query;
    this.status = 'loading';
    this.error = null;
    this.moreStatus = 'idle';
    this.moreError = null;
    this.lastAdded = 0;
    try {
      const page = await supervisionApi.cases(query, null, controller.signal);
      if (controller.signal.aborted) return;
      this.items = page.items;
      this.nextCursor = page.nextCursor;
      this.status = 'done';
    } catch (e) {
      if (isAbort(e) || controller.signal.aborted) return;
      this.items = [];
      this.nextCursor = null;
      this.error = e;
      this.status = 'error';
    }
  }

  async loadMore(): Promise<void> {
    const cursor = this.nextCursor;
    if (!cursor || this.moreStatus === 'loading' || this.status !== 'done') return;
    const controller = this.#controller;
    const query = this.#query;
    this.moreStatus = 'loading';
    this.moreError = null;
    try {
      const page = await supervisionApi.cases(query, cursor, controller?.signal);
      // The filters changed meanwhile: this page belongs to the old list.
      if (controller !== this.#controller || controller?.signal.aborted) return;
      const seen = new Set(this.items.map((c) => c.id));
      const fresh = page.items.filter((c) => !seen.has(c.id));
      this.items = [...this.items, ...fresh];
      this.nextCursor = page.nextCursor;
      this.lastAdded = fresh.length;
      this.moreStatus = 'done';
    } catch (e) {
      if (isAbort(e) || controller !== this.#controller) return;
      this.moreError = e;
      this.moreStatus = 'error';
    }
  }

  stop(): void {
    this.#controller?.abort();
  }
}
