// The customer search: phone look-up first when the entry looks like a number, words otherwise.
import type { CustomerList, CustomerSummary } from '@kefu/contract';
import { api, isAbort, isApiError } from '../shared/api.js';
import { couldBeText, looksLikePhone } from './phone-query.js';

export type SearchStatus = 'idle' | 'loading' | 'done' | 'error';

async function find(q: string, signal: AbortSignal): Promise<CustomerList> {
  if (looksLikePhone(q) && q.length <= 60) {
    try {
      const byPhone = await api.customersByPhone(q, signal);
      if (byPhone.items.length > 0 || !couldBeText(q)) return byPhone;
    } catch (e) {
      // 400: not a valid number (e.g. a fragment such as "13800"); the digits may still match.
      if (!(isApiError(e) && e.code === 'VALIDATION' && couldBeText(q))) throw e;
    }
  }
  return api.customersByText(q, signal);
}

class CustomerSearch {
  /** The query whose results are shown (or loading). */
  query = $state('');
  status = $state<SearchStatus>('idle');
  items = $state.raw<CustomerSummary[]>([]);
  /** Set when the results came from a phone look-up: the number as the server read it. */
  normalizedPhone = $state<string | null>(null);
  error = $state<unknown>(null);
  #controller: AbortController | null = null;

  /** Runs `q` unless its results are already shown (coming back to the page). */
  async show(q: string, force = false): Promise<void> {
    const query = q.trim();
    if (!force && query === this.query && (this.status === 'done' || this.status === 'loading')) return;
    this.#controller?.abort();
    this.query = query;
    this.error = null;
    if (!query) {
      this.status = 'idle';
      this.items = [];
      this.normalizedPhone = null;
      return;
    }
    const controller = new AbortController();
    this.#controller = controller;
    this.items = [];
    this.normalizedPhone = null;
    this.status = 'loading';
    try {
      const res = await find(query, controller.signal);
      if (controller.signal.aborted) return;
      this.items = res.items;
      this.normalizedPhone = res.normalizedPhone;
      this.status = 'done';
    } catch (e) {
      if (isAbort(e) || controller.signal.aborted) return;
      this.items = [];
      this.normalizedPhone = null;
      this.error = e;
      this.status = 'error';
    }
  }

  /** Forget the results (sign-out: the next user must not see them). */
  reset(): void {
    this.#controller?.abort();
    this.query = '';
    this.status = 'idle';
    this.items = [];
    this.normalizedPhone = null;
    this.error = null;
  }
}

export const customerSearch = new CustomerSearch();
