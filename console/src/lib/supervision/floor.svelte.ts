// The supervisor's floor page: the agents they may act on (loaded on opening and after each
// action) and the calls waiting, pushed live: the list on 'floor:watch-waiting', then the
// server's coalesced 'floor:waiting-changed' pushes. After a dropped connection the list is
// asked for again (pushes sent meanwhile are gone).
import type { FloorAgent, FloorQueue, FloorWaitingCall, FloorWaitingCallList } from '@kefu/contract';
import { isAbort } from '../shared/api.js';
import type { KefuSocket } from '../shared/session.svelte.js';
import { command } from '../shared/socket-command.js';
import { floorApi } from './floor-api.js';

export class FloorBoard {
  agents = $state<FloorAgent[]>([]);
  waiting = $state<FloorWaitingCall[]>([]);
  queues = $state<FloorQueue[]>([]);
  loading = $state(false);
  error = $state<unknown>(null);
  /** Whether the waiting calls are being pushed (false: as of the last load). */
  live = $state(false);
  #abort: AbortController | null = null;

  async load(): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.loading = true;
    try {
      const [agents, waiting] = await Promise.all([floorApi.agents(abort.signal), floorApi.waitingCalls(abort.signal)]);
      this.agents = agents.items;
      this.#waiting(waiting);
      this.error = null;
    } catch (e) {
      if (!isAbort(e)) this.error = e;
    } finally {
      if (this.#abort === abort) this.loading = false;
    }
  }

  /** Follows the waiting calls on the session's connection; returns the function that stops. */
  attach(socket: KefuSocket): () => void {
    const changed = (list: FloorWaitingCallList) => this.#waiting(list);
    const watch = () => {
      command<FloorWaitingCallList>((done) => socket.emit('floor:watch-waiting', {}, done))
        .then((list) => {
          this.#waiting(list);
          this.live = true;
        })
        .catch(() => (this.live = false));
    };
    socket.on('floor:waiting-changed', changed);
    socket.io.on('reconnect', watch);
    watch();
    return () => {
      socket.off('floor:waiting-changed', changed);
      socket.io.off('reconnect', watch);
      socket.emit('floor:unwatch-waiting', {}, () => {});
      this.live = false;
    };
  }

  stop(): void {
    this.#abort?.abort();
  }

  nameOf(userId: number | null): string {
    return this.agents.find((a) => a.userId === userId)?.displayName ?? '';
  }

  #waiting(list: FloorWaitingCallList): void {
    this.waiting = list.items;
    this.queues = list.queues;
  }
}
