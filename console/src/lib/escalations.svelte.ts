// The signed-in supervisor's escalations: loaded once, then kept current from 'escalation:raised'
// on the live connection, so the list and the unread badge change without a reload.
import type { EscalationView } from '@kefu/contract';
import { isApiError } from './api.js';
import type { KefuSocket } from './session.svelte.js';
import { supervisionApi } from './supervision-api.js';

export type EscalationsStatus = 'idle' | 'loading' | 'done' | 'error';

/** Unacknowledged first, then the most recently fired: the order the server lists them in. */
export function sortEscalations(items: EscalationView[]): EscalationView[] {
  return [...items].sort((a, b) => {
    const unreadA = a.acknowledgedAt === null ? 0 : 1;
    const unreadB = b.acknowledgedAt === null ? 0 : 1;
    if (unreadA !== unreadB) return unreadA - unreadB;
    return Date.parse(b.firedAt) - Date.parse(a.firedAt);
  });
}

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
  unread = $derived(this.items.filter((e) => e.acknowledgedAt === null).length);

  #gathered: EscalationView[] = [];
  #gatherTimer: ReturnType<typeof setTimeout> | null = null;
  #onArrival: ((a: Arrival) => void) | null = null;
  #loadSeq = 0;

  /** Listens on the session's connection; returns the function that stops listening. */
  attach(socket: KefuSocket, onArrival: (a: Arrival) => void): () => void {
    this.#onArrival = onArrival;
    const raised = (view: EscalationView) => this.#receive(view);
    // After a dropped connection, escalations raised meanwhile were missed: read the list again.
    const reconnected = () => void this.load();
    socket.on('escalation:raised', raised);
    socket.io.on('reconnect', reconnected);
    void this.load();
    return () => {
      socket.off('escalation:raised', raised);
      socket.io.off('reconnect', reconnected);
      this.#reset();
    };
  }

  async load(): Promise<void> {
    const seq = ++this.#loadSeq;
    if (this.status !== 'done') this.status = 'loading';
    this.error = null;
    try {
      const { items } = await supervisionApi.escalations();
      if (seq !== this.#loadSeq) return;
      // Anything that arrived live while the request was under way is kept.
      const byId = new Map(items.map((e) => [e.id, e]));
      for (const e of this.items) if (!byId.has(e.id) && this.fresh.has(e.id)) byId.set(e.id, e);
      this.items = sortEscalations([...byId.values()]);
      this.status = 'done';
    } catch (e) {
      if (seq !== this.#loadSeq) return;
      this.error = e;
      if (this.status !== 'done') this.status = 'error';
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

  #put(view: EscalationView) {
    this.items = sortEscalations([...this.items.filter((e) => e.id !== view.id), view]);
  }

  #reset() {
    if (this.#gatherTimer) clearTimeout(this.#gatherTimer);
    this.#gatherTimer = null;
    this.#gathered = [];
    this.#onArrival = null;
    this.#loadSeq++;
    this.status = 'idle';
    this.items = [];
    this.error = null;
    this.fresh = new Set();
    this.pending = new Set();
    this.ackError = null;
  }
}

export const escalations = new Escalations();
