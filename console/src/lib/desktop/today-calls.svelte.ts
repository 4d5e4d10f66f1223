// Today's calls of the agent, under the desk. The server writes a call's record when the call
// ends, a moment after the push, so an end reads the list now and once more shortly after.
import type { Interaction } from '@kefu/contract';
import { api, isAbort } from '../shared/api.js';

const RELOAD_AGAIN_MS = 2_000;

export class TodayCalls {
  items = $state.raw<Interaction[]>([]);
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state.raw<unknown>(null);

  readonly #running: () => boolean;
  #controller: AbortController | null = null;
  #reload: ReturnType<typeof setTimeout> | null = null;

  /** `running` says whether the desk still runs when the second read is due. */
  constructor(running: () => boolean) {
    this.#running = running;
  }

  async load(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    try {
      const { items } = await api.todayCalls(controller.signal);
      this.items = items;
      this.status = 'ready';
      this.error = null;
    } catch (e) {
      if (isAbort(e)) return;
      this.error = e;
      this.status = 'error';
    }
  }

  /** After a call ends the server writes its record; read it now and once more shortly after. */
  reloadSoon(): void {
    void this.load();
    if (this.#reload) clearTimeout(this.#reload);
    this.#reload = setTimeout(() => {
      this.#reload = null;
      if (this.#running()) void this.load();
    }, RELOAD_AGAIN_MS);
  }

  /** The newest ended call without a disposition: the one in wrap-up when the page forgot it (a reload). */
  undisposed(): Interaction | undefined {
    return this.items.find((i) => i.kind === 'call' && i.endedAt !== null && i.disposition === null);
  }

  stop(): void {
    if (this.#reload) clearTimeout(this.#reload);
    this.#reload = null;
    this.#controller?.abort();
  }

  reset(): void {
    this.items = [];
    this.status = 'loading';
  }
}
