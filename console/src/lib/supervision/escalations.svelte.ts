// The signed-in supervisor's escalations: the first page loaded once, more on request, then kept
// current from 'escalation:raised' and 'escalation:acknowledged' on the live connection, so the
// list and the unread badge change without a reload, in every tab.
import type { EscalationAcknowledged, EscalationView } from '@kefu/contract';
import { isAbort, isApiError } from '../shared/api.js';
import type { KefuSocket } from '../shared/session.svelte.js';
import { listen } from '../shared/socket-listeners.js';
import { supervisionApi } from './supervision-api.js';

export type EscalationsStatus = 'idle' | 'loading' | 'done' | 'error';

/** Unacknowledged first, then the most recently fired, then by id: the order the server pages in. */
export function sortEscalations(items: EscalationView[]): EscalationView[] {
  return [...items].sort((a, b) => {
    const unreadA = a.acknowledgedAt === null ? 0 : 1;
    const unreadB = b.acknowledgedAt === null ? 0 : 1;
    if (unreadA !== unreadB) return unreadA - unreadB;
    return Date.parse(b.firedAt) - Date.parse(a.firedAt) || b.id - a.id;
  });
}

/** Two copies of one escalation: an acknowledgement is never undone, so the acknowledged copy wins. */
function newer(a: EscalationView, b: EscalationView): EscalationView {
  return a.acknowledgedAt !== null && b.acknowledgedAt === null ? a : b;
}

const unreadIn = (items: EscalationView[]) => items.filter((e) => e.acknowledgedAt === null).length;

export type MoreStatus = 'idle' | 'loading' | 'done' | 'error';

/** Arrivals closer together than this are announced as one ("3 new escalations"). */
const ANNOUNCE_GATHER_MS = 800;

export interface Arrival {
  items: EscalationView[];
}

class Escalations {
  status = $state<EscalationsStatus>('idle');
  items = $state.raw<EscalationView[]>([]);
  error = $state<unknown>(null);
  /** Ids that arrived live since the list was opened, marked "New" until acknowledged. */
  fresh = $state.raw<ReadonlySet<number>>(new Set());
  /** Ids whose acknowledgement is being sent. */
  pending = $state.raw<ReadonlySet<number>>(new Set());
  ackError = $state<{ id: number; error: unknown } | null>(null);
  /** The next page's cursor; null when every escalation is loaded. */
  nextCursor = $state<string | null>(null);
  /** "Load more" has its own state: a failed next page keeps the rows already shown. */
  moreStatus = $state<MoreStatus>('idle');
  moreError = $state<unknown>(null);
  /** How many rows the last "Load more" added, so the page can move focus to the first. */
  lastAdded = $state(0);
  /** Unacknowledged escalations on pages not loaded yet: the badge counts them too. */
  #unreadBeyond = $state(0);
  unread = $derived(unreadIn(this.items) + this.#unreadBeyond);

  #me: number | null = null;
  #gathered: EscalationView[] = [];
  #gatherTimer: ReturnType<typeof setTimeout> | null = null;
  #onArrival: ((a: Arrival) => void) | null = null;
  #loadSeq = 0;
  #more: AbortController | null = null;

  /**
   * Listens on the session's connection for the signed-in user `me`; returns the function that
   * stops listening.
   */
  attach(socket: KefuSocket, me: number, onArrival: (a: Arrival) => void): () => void {
    this.#me = me;
    this.#onArrival = onArrival;
    const stop = listen(socket, {
      'escalation:raised': (view: EscalationView) => this.#receive(view),
      'escalation:acknowledged': (fact: EscalationAcknowledged) => this.#acknowledged(fact),
      // After a dropped connection, escalations raised or acknowledged meanwhile were missed: read the list again.
      reconnect: () => void this.load(),
    });
    void this.load();
    return () => {
      stop();
      this.#reset();
    };
  }

  /** Reads the first page afresh; pages loaded with "Load more" are let go. */
  async load(): Promise<void> {
    const seq = ++this.#loadSeq;
    this.#more?.abort();
    this.#more = null;
    if (this.status !== 'done') this.status = 'loading';
    this.error = null;
    try {
      const page = await supervisionApi.escalations(null);
      if (seq !== this.#loadSeq) return;
      // Anything that arrived live while the request was under way is kept.
      const byId = new Map(page.items.map((e) => [e.id, e]));
      for (const e of this.items) {
        const got = byId.get(e.id);
        if (got) byId.set(e.id, newer(e, got));
        else if (this.fresh.has(e.id)) byId.set(e.id, e);
      }
      this.items = sortEscalations([...byId.values()]);
      this.nextCursor = page.nextCursor;
      this.#unreadBeyond = Math.max(0, page.unread - unreadIn(page.items));
      this.moreStatus = 'idle';
      this.moreError = null;
      this.status = 'done';
    } catch (e) {
      if (seq !== this.#loadSeq) return;
      this.error = e;
      if (this.status !== 'done') this.status = 'error';
    }
  }

  /** Adds the next page below the rows shown. */
  async loadMore(): Promise<void> {
    const cursor = this.nextCursor;
    if (!cursor || this.moreStatus === 'loading' || this.status !== 'done') return;
    const seq = this.#loadSeq;
    const controller = new AbortController();
    this.#more = controller;
    this.moreStatus = 'loading';
    this.moreError = null;
    try {
      const page = await supervisionApi.escalations(cursor, controller.signal);
      // A fresh first page replaced the list meanwhile: this page belonged to the old one.
      if (seq !== this.#loadSeq || controller.signal.aborted) return;
      const byId = new Map(this.items.map((e) => [e.id, e]));
      let added = 0;
      for (const e of page.items) {
        const known = byId.get(e.id);
        // A row seen again was acknowledged in another tab and moved down the order.
        if (known) byId.set(e.id, newer(known, e));
        else {
          byId.set(e.id, e);
          added++;
        }
      }
      const items = sortEscalations([...byId.values()]);
      this.items = items;
      this.nextCursor = page.nextCursor;
      this.#unreadBeyond = page.nextCursor ? Math.max(0, page.unread - unreadIn(items)) : 0;
      this.lastAdded = added;
      this.moreStatus = 'done';
    } catch (e) {
      if (isAbort(e) || seq !== this.#loadSeq) return;
      this.moreError = e;
      this.moreStatus = 'error';
    } finally {
      if (this.#more === controller) this.#more = null;
    }
  }

  async acknowledge(id: number): Promise<boolean> {
    if (this.pending.has(id)) return false;
    this.pending = new Set([...this.pending, id]);
    this.ackError = null;
    try {
      const view = await supervisionApi.acknowledgeEscalation(id);
      this.#put(view);
      return true;
    } catch (e) {
      // Someone else acknowledged it, or it is gone: the fresh list tells the truth.
      if (isApiError(e) && (e.code === 'NOT_FOUND' || e.code === 'CONFLICT')) void this.load();
      this.ackError = { id, error: e };
      return false;
    } finally {
      const rest = new Set(this.pending);
      rest.delete(id);
      this.pending = rest;
    }
  }

  #receive(view: EscalationView) {
    const known = this.items.some((e) => e.id === view.id);
    this.#put(view);
    if (known) return;
    this.fresh = new Set([...this.fresh, view.id]);
    this.#gathered.push(view);
    if (this.#gatherTimer) return;
    this.#gatherTimer = setTimeout(() => {
      this.#gatherTimer = null;
      const items = this.#gathered;
      this.#gathered = [];
      if (items.length) this.#onArrival?.({ items });
    }, ANNOUNCE_GATHER_MS);
  }

  /** Acknowledged here, in another tab, or by an admin: the row and the badge follow. */
  #acknowledged(fact: EscalationAcknowledged) {
    const known = this.items.find((e) => e.id === fact.id);
    if (known) {
      if (known.acknowledgedAt === null) this.#put({ ...known, acknowledgedAt: fact.acknowledgedAt, acknowledgedBy: fact.acknowledgedBy.name });
    } else if (fact.recipientId === this.#me && this.#unreadBeyond > 0) {
      // One of ours on a page not loaded yet: only the count shows it.
      this.#unreadBeyond--;
    }
  }

  #put(view: EscalationView) {
    this.items = sortEscalations([...this.items.filter((e) => e.id !== view.id), view]);
  }

  #reset() {
    if (this.#gatherTimer) clearTimeout(this.#gatherTimer);
    this.#gatherTimer = null;
    this.#gathered = [];
    this.#onArrival = null;
    this.#me = null;
    this.#loadSeq++;
    this.#more?.abort();
    this.#more = null;
    this.status = 'idle';
    this.items = [];
    this.nextCursor = null;
    this.#unreadBeyond = 0;
    this.moreStatus = 'idle';
    this.moreError = null;
    this.lastAdded = 0;
    this.error = null;
    this.fresh = new Set();
    this.pending = new Set();
    this.ackError = null;
  }
}

export const escalations = new Escalations();
