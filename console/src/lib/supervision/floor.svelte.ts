// The supervisor's floor page: the agents they may act on and the calls waiting, loaded on
// opening and again after each action (the live wallboard pushes changes; this page reloads).
import type { FloorAgent, FloorQueue, FloorWaitingCall } from '@kefu/contract';
import { isAbort } from '../shared/api.js';
import { floorApi } from './floor-api.js';

export class FloorBoard {
  agents = $state<FloorAgent[]>([]);
  waiting = $state<FloorWaitingCall[]>([]);
  queues = $state<FloorQueue[]>([]);
  loading = $state(false);
  error = $state<unknown>(null);
  #abort: AbortController | null = null;

  async load(): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.loading = true;
    try {
      const [agents, waiting] = await Promise.all([floorApi.agents(abort.signal), floorApi.waitingCalls(abort.signal)]);
      this.agents = agents.items;
      this.waiting = waiting.items;
      this.queues = waiting.queues;
      this.error = null;
    } catch (e) {
      if (!isAbort(e)) this.error = e;
    } finally {
      if (this.#abort === abort) this.loading = false;
    }
  }

  stop(): void {
    this.#abort?.abort();
  }

  nameOf(userId: number | null): string {
    return this.agents.find((a) => a.userId === userId)?.displayName ?? '';
  }
}
